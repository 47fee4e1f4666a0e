package dev.rotor.atlas;

import dev.rotor.auth.AccessToken;
import dev.rotor.auth.DigestAuthenticator;
import dev.rotor.auth.DigestChallenge;
import dev.rotor.auth.TokenCache;
import dev.rotor.auth.TokenFetchException;
import dev.rotor.config.CredentialSpec;
import dev.rotor.config.CredentialSpec.ApiKey;
import dev.rotor.config.CredentialSpec.ServiceAccount;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Sends requests with a credential: a cached bearer token for service accounts, an HTTP Digest
 * answer for API keys. Each retries at most once on a 401, since a 401 means Atlas did not apply
 * the request: with a fresh token when the cached one was refused, or with the new challenge.
 */
final class AuthenticatingSender {
  private static final Logger log = LoggerFactory.getLogger(AuthenticatingSender.class);

  private final Transport transport;
  private final TokenCache tokens;
  private final DigestAuthenticator digests;

  AuthenticatingSender(Transport transport, TokenCache tokens, DigestAuthenticator digests) {
    this.transport = transport;
    this.tokens = tokens;
    this.digests = digests;
  }

  /** Sends {@code request} authenticated as {@code credential}. */
  Mono<Exchange> send(CredentialSpec credential, AtlasRequest request) {
    if (credential instanceof ServiceAccount account) {
      return withBearer(account, request, false);
    }
    return withDigest((ApiKey) credential, request);
  }

  private Mono<Exchange> withBearer(ServiceAccount account, AtlasRequest request, boolean retry) {
    return tokens
        .token(account)
        .flatMap(token -> sendBearer(account, request, token, retry))
        .onErrorResume(e -> Mono.just(tokenFailed(account, e)));
  }

  private Mono<Exchange> sendBearer(
      ServiceAccount account, AtlasRequest request, AccessToken token, boolean retry) {
    return transport
        .send(request, "Bearer " + token.value())
        .flatMap(
            exchange -> {
              if (retry || !isUnauthorized(exchange)) {
                return Mono.just(exchange);
              }
              log.debug(
                  "{} credential={} token refused, fetching a new one",
                  request.ids(),
                  account.name());
              tokens.invalidate(account, token);
              return withBearer(account, request, true);
            });
  }

  private Mono<Exchange> withDigest(ApiKey key, AtlasRequest request) {
    String method = request.method().name();
    return transport
        .send(request, digests.authorization(key, method, request.target()))
        .flatMap(exchange -> answerChallenge(key, request, exchange));
  }

  /**
   * Answers a Digest challenge once. The first call of a key has no nonce yet; a later call's nonce
   * may have gone stale. Either way the new challenge is answered, and a second 401 is final.
   */
  private Mono<Exchange> answerChallenge(ApiKey key, AtlasRequest request, Exchange exchange) {
    Optional<DigestChallenge> challenge = challengeOf(exchange);
    if (challenge.isEmpty()) {
      return Mono.just(exchange);
    }
    digests.challenged(key, challenge.get());
    String authorization = digests.authorization(key, request.method().name(), request.target());
    if (authorization == null) {
      return Mono.just(unsupportedChallenge(key, challenge.get(), (Exchange.Answered) exchange));
    }
    log.debug(
        "{} credential={} answering digest challenge, stale={}",
        request.ids(),
        key.name(),
        challenge.get().stale());
    return transport.send(request, authorization);
  }

  private static Optional<DigestChallenge> challengeOf(Exchange exchange) {
    if (!isUnauthorized(exchange)) {
      return Optional.empty();
    }
    return ((Exchange.Answered) exchange)
        .headers().getAll("WWW-Authenticate").stream()
            .map(DigestChallenge::parse)
            .flatMap(Optional::stream)
            .findFirst();
  }

  private static boolean isUnauthorized(Exchange exchange) {
    return exchange instanceof Exchange.Answered answered && answered.status() == 401;
  }

  private static Exchange tokenFailed(ServiceAccount account, Throwable error) {
    TokenFetchException e =
        error instanceof TokenFetchException refused
            ? refused
            : new TokenFetchException(account.name(), 0, null, error.toString(), null);
    return new Exchange.Failed(
        new AtlasResult.Failure<>(
            FailureKind.AUTH_FAILED,
            e.status(),
            e.errorCode(),
            "no access token for credential " + e.credential() + ": " + e.detail(),
            e.retryAfter(),
            false,
            ResponseMeta.none(Duration.ZERO)));
  }

  private static Exchange unsupportedChallenge(
      ApiKey key, DigestChallenge challenge, Exchange.Answered answered) {
    return new Exchange.Failed(
        new AtlasResult.Failure<>(
            FailureKind.AUTH_FAILED,
            answered.status(),
            null,
            "cannot answer the digest challenge for credential "
                + key.name()
                + ": algorithm "
                + challenge.algorithm()
                + ", qop "
                + challenge.qop(),
            null,
            false,
            answered.meta()));
  }
}
