package dev.rotor.sandbox;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Carries an error reply out of a request handler. It has no stack trace: it is control flow, not a
 * fault of the sandbox.
 */
final class ApiFailure extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient Reply reply;

  ApiFailure(Reply reply) {
    super(null, null, false, false);
    this.reply = reply;
  }

  Reply reply() {
    return reply;
  }

  /** Returns an Atlas error: {@code {error, errorCode, detail, reason, parameters}}. */
  static ApiFailure atlas(int status, String errorCode, String detail, Object... parameters) {
    return new ApiFailure(Reply.json(status, atlasBody(status, errorCode, detail, parameters)));
  }

  static Map<String, Object> atlasBody(
      int status, String errorCode, String detail, Object... parameters) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("detail", detail);
    body.put("error", status);
    body.put("errorCode", errorCode);
    body.put("parameters", List.of(parameters));
    body.put("reason", HttpResponseStatus.valueOf(status).reasonPhrase());
    return body;
  }

  ApiFailure withHeader(String name, String value) {
    return new ApiFailure(reply.withHeader(name, value));
  }
}
