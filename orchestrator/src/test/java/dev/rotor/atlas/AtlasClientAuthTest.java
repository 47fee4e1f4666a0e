package dev.rotor.atlas;

import static dev.rotor.atlas.AtlasClientFailuresTest.failure;
import static dev.rotor.atlas.AtlasStub.error;
import static dev.rotor.atlas.AtlasStub.json;
import static dev.rotor.atlas.AtlasStub.noContent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.scheduler.VirtualTimeScheduler;

class AtlasClientAuthTest extends AtlasClientFixture {

  @Test
  void refusedTokenIsReplacedAndTheCallRetriedOnce() {
    stub.api(json(401, error(401, "USER_UNAUTHORIZED", "token expired")), noContent());

    AtlasResult<Void> result = client.revokeJwks(SERVICE_ACCOUNT, FS, IDP).block();

    assertThat(result).isInstanceOf(AtlasResult.Success.class);
    assertThat(stub.tokenRequests).hasSize(2);
    assertThat(stub.apiRequests)
        .extracting(r -> r.getHeaders().get("Authorization"))
        .containsExactly("Bearer tok-1", "Bearer tok-2");
  }

  @Test
  void secondUnauthorizedWithAFreshTokenIsFinal() {
    stub.api(
        json(401, error(401, "USER_UNAUTHORIZED", "no")),
        json(401, error(401, "USER_UNAUTHORIZED", "still no")));

    var failure = failure(client.revokeJwks(SERVICE_ACCOUNT, FS, IDP).block());

    assertThat(failure.status()).isEqualTo(401);
    assertThat(failure.detail()).isEqualTo("still no");
    assertThat(failure.mayHaveTakenEffect()).isFalse();
    assertThat(stub.tokenRequests).hasSize(2);
    assertThat(stub.apiRequests).hasSize(2);
  }

  @Test
  void refusedTokenRequestIsAnAuthFailureNamingTheCredential() {
    stub.tokenAnswers.add(
        json(
            401,
            "{\"error\":\"invalid_client\","
                + "\"error_description\":\"Invalid client credentials\"}"));

    var failure = failure(client.revokeJwks(SERVICE_ACCOUNT, FS, IDP).block());

    assertThat(failure.kind()).isEqualTo(FailureKind.AUTH_FAILED);
    assertThat(failure.status()).isEqualTo(401);
    assertThat(failure.errorCode()).isEqualTo("invalid_client");
    assertThat(failure.detail()).contains("ops-sa").contains("Invalid client credentials");
    assertThat(failure.mayHaveTakenEffect()).isFalse();
    assertThat(stub.apiRequests).isEmpty();
  }

  @Test
  void rateLimitedTokenRequestWaitsRetryAfterThenSucceeds() throws Exception {
    VirtualTimeScheduler time = VirtualTimeScheduler.create();
    useClient(newClient(settings(), time));
    stub.tokenAnswers.add(
        new MockResponse.Builder(json(429, error(429, "RATE_LIMITED", "slow")))
            .setHeader("Retry-After", "30")
            .build());
    stub.api(noContent());

    CompletableFuture<AtlasResult<Void>> call =
        client.revokeJwks(SERVICE_ACCOUNT, FS, IDP).toFuture();
    await().until(() -> tokenFetches("rate_limited") == 1);
    time.advanceTimeBy(Duration.ofSeconds(29));
    assertThat(stub.tokenRequests).hasSize(1);
    await()
        .pollInterval(Duration.ofMillis(10))
        .until(
            () -> {
              time.advanceTimeBy(Duration.ofSeconds(1));
              return call.isDone();
            });

    assertThat(call.get()).isInstanceOf(AtlasResult.Success.class);
    assertThat(stub.tokenRequests).hasSize(2);
    assertThat(time.now(TimeUnit.SECONDS)).isGreaterThanOrEqualTo(30);
  }

  @Test
  void twoHundredConcurrentCallsMakeOneTokenRequest() {
    stub.tokenAnswers.add(
        new MockResponse.Builder(AtlasStub.token("shared", 3600))
            .headersDelay(300, TimeUnit.MILLISECONDS)
            .build());
    for (int i = 0; i < 200; i++) {
      stub.api(noContent());
    }

    List<AtlasResult<Void>> results =
        Flux.range(0, 200)
            .flatMap(i -> client.revokeJwks(SERVICE_ACCOUNT, FS, IDP), 200)
            .collectList()
            .block(Duration.ofSeconds(30));

    assertThat(results).hasSize(200).allMatch(r -> r instanceof AtlasResult.Success);
    assertThat(stub.tokenRequests).hasSize(1);
    assertThat(stub.apiRequests)
        .allSatisfy(
            r -> assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer shared"));
  }

  @Test
  void tokenIsRefreshedAheadOfExpiryAsTheClockMoves() {
    stub.api(noContent(), noContent(), noContent());

    client.revokeJwks(SERVICE_ACCOUNT, FS, IDP).block();
    clock.advance(Duration.ofMinutes(54));
    client.revokeJwks(SERVICE_ACCOUNT, FS, IDP).block();
    clock.advance(Duration.ofMinutes(1));
    client.revokeJwks(SERVICE_ACCOUNT, FS, IDP).block();

    assertThat(stub.tokenRequests).hasSize(2);
    assertThat(stub.apiRequests)
        .extracting(r -> r.getHeaders().get("Authorization"))
        .containsExactly("Bearer tok-1", "Bearer tok-1", "Bearer tok-2");
  }

  @Test
  void shutdownRevokesCachedTokens() {
    stub.api(noContent());
    client.revokeJwks(SERVICE_ACCOUNT, FS, IDP).block();

    client.shutdown(Duration.ofSeconds(2)).block(Duration.ofSeconds(5));

    assertThat(stub.revokeRequests)
        .singleElement()
        .satisfies(
            revoke -> {
              assertThat(revoke.getBody().utf8())
                  .isEqualTo("token=tok-1&token_type_hint=access_token");
              assertThat(revoke.getHeaders().get("Authorization")).startsWith("Basic ");
              assertThat(revoke.getHeaders().get("Content-Length")).isEqualTo("40");
              assertThat(revoke.getHeaders().get("Transfer-Encoding")).isNull();
            });
    assertThat(stub.tokenRequests)
        .singleElement()
        .satisfies(
            token -> {
              assertThat(token.getHeaders().get("Content-Length"))
                  .isEqualTo(Long.toString(token.getBodySize()));
              assertThat(token.getHeaders().get("Transfer-Encoding")).isNull();
            });
  }

  @Test
  void shutdownIsBoundedWhenRevocationHangs() {
    stub.api(noContent());
    client.revokeJwks(SERVICE_ACCOUNT, FS, IDP).block();
    stub.revokeAnswer =
        new MockResponse.Builder()
            .code(200)
            .onResponseStart(mockwebserver3.SocketEffect.Stall.INSTANCE)
            .build();

    long start = System.nanoTime();
    client.shutdown(Duration.ofMillis(300)).block(Duration.ofSeconds(5));

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    assertThat(stub.revokeRequests).hasSize(1);
  }

  @Test
  void digestChallengeIsAnsweredThenSucceeds() throws Exception {
    stub.api(challenge("nonce-1", false), noContent());

    AtlasResult<Void> result = client.revokeJwks(API_KEY, FS, IDP).block();

    assertThat(result).isInstanceOf(AtlasResult.Success.class);
    assertThat(stub.apiRequests.get(0).getHeaders().get("Authorization")).isNull();
    RecordedRequest answered = stub.apiRequests.get(1);
    Map<String, String> digest = digestParams(answered.getHeaders().get("Authorization"));
    assertThat(digest)
        .containsEntry("username", "pubkey1")
        .containsEntry("nonce", "nonce-1")
        .containsEntry("realm", "MMS Public API")
        .containsEntry("uri", answered.getTarget())
        .containsEntry("qop", "auth")
        .containsEntry("nc", "00000001");
    assertThat(digest.get("response")).isEqualTo(expectedResponse(answered, digest));
  }

  @Test
  void digestUriIsTheExactRequestTarget() {
    stub.api(challenge("nonce-1", false), AtlasStub.json(200, AtlasStub.page(List.of())));

    var result = client.listJwksRevokedEvents(API_KEY, ORG, clock.instant()).block();

    assertThat(result).isInstanceOf(AtlasResult.Success.class);
    RecordedRequest answered = stub.apiRequests.get(1);
    assertThat(answered.getTarget()).contains("minDate=2025-06-01T00%3A00%3A00Z");
    assertThat(digestParams(answered.getHeaders().get("Authorization")))
        .containsEntry("uri", answered.getTarget());
  }

  @Test
  void laterCallsReuseTheNonceWithAnIncreasingCount() {
    stub.api(challenge("nonce-1", false), noContent(), noContent(), noContent());

    for (int i = 0; i < 3; i++) {
      assertThat(client.revokeJwks(API_KEY, FS, IDP).block())
          .isInstanceOf(AtlasResult.Success.class);
    }

    assertThat(stub.apiRequests).hasSize(4);
    List<Map<String, String>> answers =
        stub.apiRequests.subList(1, 4).stream()
            .map(r -> digestParams(r.getHeaders().get("Authorization")))
            .toList();
    assertThat(answers)
        .extracting(a -> a.get("nc"))
        .containsExactly("00000001", "00000002", "00000003");
    assertThat(answers).extracting(a -> a.get("cnonce")).doesNotHaveDuplicates();
  }

  @Test
  void staleNonceIsAnsweredOnceWithTheNewNonce() {
    stub.api(challenge("nonce-1", false), noContent(), challenge("nonce-2", true), noContent());

    client.revokeJwks(API_KEY, FS, IDP).block();
    AtlasResult<Void> second = client.revokeJwks(API_KEY, FS, IDP).block();

    assertThat(second).isInstanceOf(AtlasResult.Success.class);
    assertThat(stub.apiRequests).hasSize(4);
    Map<String, String> retried =
        digestParams(stub.apiRequests.get(3).getHeaders().get("Authorization"));
    assertThat(retried).containsEntry("nonce", "nonce-2").containsEntry("nc", "00000001");
  }

  @Test
  void secondDigestChallengeIsAFailure() {
    stub.api(challenge("nonce-1", false), challenge("nonce-2", false));

    var failure = failure(client.revokeJwks(API_KEY, FS, IDP).block());

    assertThat(failure.status()).isEqualTo(401);
    assertThat(failure.mayHaveTakenEffect()).isFalse();
    assertThat(stub.apiRequests).hasSize(2);
  }

  private double tokenFetches(String outcome) {
    var counter = registry.find("rotor.auth.token.fetches").tag("outcome", outcome).counter();
    return counter == null ? 0 : counter.count();
  }

  static MockResponse challenge(String nonce, boolean stale) {
    return new MockResponse.Builder(json(401, error(401, "UNAUTHORIZED", "digest required")))
        .setHeader(
            "WWW-Authenticate",
            "Digest realm=\"MMS Public API\", domain=\"\", nonce=\""
                + nonce
                + "\", algorithm=MD5, qop=\"auth\", stale="
                + stale)
        .build();
  }

  static Map<String, String> digestParams(String header) {
    assertThat(header).startsWith("Digest ");
    Matcher matcher = Pattern.compile("(\\w+)=(?:\"([^\"]*)\"|([^,\\s]+))").matcher(header);
    return matcher
        .results()
        .collect(
            Collectors.toMap(m -> m.group(1), m -> m.group(2) != null ? m.group(2) : m.group(3)));
  }

  private static String expectedResponse(RecordedRequest request, Map<String, String> d)
      throws Exception {
    String ha1 = md5("pubkey1:MMS Public API:" + API_PRIVATE_KEY);
    String ha2 = md5(request.getMethod() + ":" + request.getTarget());
    return md5(
        ha1 + ":" + d.get("nonce") + ":" + d.get("nc") + ":" + d.get("cnonce") + ":auth:" + ha2);
  }

  private static String md5(String text) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
