package dev.rotor.atlas;

import io.netty.handler.codec.http.HttpHeaders;
import java.util.Optional;

/** What one HTTP exchange with Atlas produced: a response of any status, or a failure. */
sealed interface Exchange permits Exchange.Answered, Exchange.Failed {

  /** A response, whatever its status, with its whole body. */
  record Answered(int status, HttpHeaders headers, byte[] body, ResponseMeta meta)
      implements Exchange {

    boolean isSuccess() {
      return status >= 200 && status < 300;
    }

    Optional<String> header(String name) {
      return Optional.ofNullable(headers.get(name));
    }
  }

  /** No usable response: the request was not sent, timed out, or the connection broke. */
  record Failed(AtlasResult.Failure<Void> failure) implements Exchange {}
}
