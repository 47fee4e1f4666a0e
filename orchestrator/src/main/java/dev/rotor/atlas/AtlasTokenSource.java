package dev.rotor.atlas;

import dev.rotor.auth.AccessToken;
import dev.rotor.auth.TokenFetchException;
import dev.rotor.auth.TokenSource;
import dev.rotor.config.CredentialSpec.ServiceAccount;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Obtains service account tokens from {@code /api/oauth/token} and revokes them at {@code
 * /api/oauth/revoke}, both with HTTP Basic client authentication.
 */
final class AtlasTokenSource implements TokenSource {
  private final Transport transport;
  private final Clock clock;

  AtlasTokenSource(Transport transport, Clock clock) {
    this.transport = transport;
    this.clock = clock;
  }

  @Override
  public Mono<AccessToken> fetch(ServiceAccount account) {
    AtlasRequest request =
        AtlasRequest.postForm(
            Endpoint.OAUTH_TOKEN,
            transport.basePath() + "/api/oauth/token",
            "grant_type=client_credentials",
            "credential=" + account.name());
    return Mono.defer(
        () -> {
          Instant requestedAt = clock.instant();
          return transport
              .send(request, basic(account))
              .handle((exchange, sink) -> sink.next(toToken(account, exchange, requestedAt)));
        });
  }

  @Override
  public Mono<Void> revoke(ServiceAccount account, AccessToken token) {
    String form = "token=" + encode(token.value()) + "&token_type_hint=access_token";
    AtlasRequest request =
        AtlasRequest.postForm(
            Endpoint.OAUTH_REVOKE,
            transport.basePath() + "/api/oauth/revoke",
            form,
            "credential=" + account.name());
    return transport.send(request, basic(account)).flatMap(exchange -> revoked(account, exchange));
  }

  private AccessToken toToken(ServiceAccount account, Exchange exchange, Instant requestedAt) {
    if (exchange instanceof Exchange.Failed failed) {
      throw refused(account, 0, null, "token endpoint: " + failed.failure().detail(), null);
    }
    Exchange.Answered answered = (Exchange.Answered) exchange;
    if (!answered.isSuccess()) {
      throw errorResponse(account, answered);
    }
    return parseToken(account, answered, requestedAt);
  }

  private AccessToken parseToken(ServiceAccount account, Exchange.Answered answered, Instant at) {
    try {
      JsonNode body = AtlasJson.tree(answered.body());
      String value = AtlasJson.text(body, "access_token");
      JsonNode expiresIn = body.get("expires_in");
      if (value == null || value.isEmpty() || expiresIn == null || !expiresIn.canConvertToLong()) {
        throw malformed(account, answered, "lacks access_token or expires_in");
      }
      return new AccessToken(value, at, at.plus(Duration.ofSeconds(expiresIn.asLong())));
    } catch (JacksonException e) {
      throw malformed(account, answered, "is not JSON");
    }
  }

  private TokenFetchException errorResponse(ServiceAccount account, Exchange.Answered answered) {
    String code = null;
    String detail = null;
    try {
      JsonNode body = AtlasJson.tree(answered.body());
      code = firstText(body, "errorCode", "error");
      detail = firstText(body, "detail", "error_description", "reason");
    } catch (JacksonException e) {
      detail = "token endpoint answered with " + describe(answered);
    }
    if (detail == null) {
      detail = "token endpoint answered with " + describe(answered);
    }
    return refused(account, answered.status(), code, detail, answered.meta().retryAfter());
  }

  private TokenFetchException malformed(
      ServiceAccount account, Exchange.Answered ans, String what) {
    return refused(account, ans.status(), null, "token response " + what, null);
  }

  private static Mono<Void> revoked(ServiceAccount account, Exchange exchange) {
    if (exchange instanceof Exchange.Answered answered && answered.isSuccess()) {
      return Mono.empty();
    }
    int status = exchange instanceof Exchange.Answered answered ? answered.status() : 0;
    return Mono.error(refused(account, status, null, "token revocation failed", null));
  }

  private static TokenFetchException refused(
      ServiceAccount account,
      int status,
      @Nullable String code,
      String detail,
      @Nullable Duration retryAfter) {
    return new TokenFetchException(account.name(), status, code, detail, retryAfter);
  }

  private static @Nullable String firstText(JsonNode body, String... fields) {
    for (String field : fields) {
      String value = AtlasJson.text(body, field);
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  private static String describe(Exchange.Answered answered) {
    String type = answered.headers().get(HttpHeaderNames.CONTENT_TYPE);
    return AtlasJson.describeBody(type, answered.body());
  }

  private static String basic(ServiceAccount account) {
    String pair = account.clientId() + ":" + account.clientSecret().reveal();
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
