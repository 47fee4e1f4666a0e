package dev.rotor.atlas;

import static dev.rotor.atlas.AtlasStub.error;
import static dev.rotor.atlas.AtlasStub.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rotor.config.AtlasSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.core.scheduler.Schedulers;

class AtlasClientFailuresTest extends AtlasClientFixture {

  @ParameterizedTest
  @CsvSource({
    "400, VALIDATION_ERROR, false",
    "401, NOT_ORG_GROUP_CREATOR, false",
    "403, IP_ADDRESS_NOT_ON_WHITELIST, false",
    "404, RESOURCE_NOT_FOUND, false",
    "406, INVALID_VERSION, false",
    "429, RATE_LIMITED_TOKEN_BUCKET, false",
    "500, UNEXPECTED_ERROR, true",
    "503, SERVICE_UNAVAILABLE, false"
  })
  void errorResponsesKeepStatusCodeAndDetailVerbatim(int status, String code, boolean effect) {
    String detail = "Detail for " + status + ": retry after 55 seconds.";
    stub.api(
        new MockResponse.Builder(json(status, error(status, code, detail)))
            .setHeader("Retry-After", "55")
            .build());

    AtlasResult.Failure<Void> failure = failure(client.revokeJwks(API_KEY, FS, IDP).block());

    assertThat(failure.kind()).isEqualTo(FailureKind.HTTP_ERROR);
    assertThat(failure.status()).isEqualTo(status);
    assertThat(failure.errorCode()).isEqualTo(code);
    assertThat(failure.detail()).isEqualTo(detail);
    assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(55));
    assertThat(failure.mayHaveTakenEffect()).isEqualTo(effect);
    assertThat(failure.isRetryable()).isEqualTo(status == 429 || status == 503);
  }

  @Test
  void htmlFromAProxyIsAClearFailure() {
    stub.api(
        new MockResponse.Builder()
            .code(502)
            .setHeader("Content-Type", "text/html")
            .body("<html><body>Bad gateway</body></html>")
            .build());

    AtlasResult.Failure<Void> failure = failure(client.revokeJwks(API_KEY, FS, IDP).block());

    assertThat(failure.kind()).isEqualTo(FailureKind.HTTP_ERROR);
    assertThat(failure.status()).isEqualTo(502);
    assertThat(failure.errorCode()).isNull();
    assertThat(failure.detail()).contains("502").contains("HTML").contains("not an Atlas error");
    assertThat(failure.mayHaveTakenEffect()).isTrue();
  }

  @Test
  void emptyErrorBodyIsAClearFailure() {
    stub.api(new MockResponse.Builder().code(403).build());

    AtlasResult.Failure<Void> failure = failure(client.revokeJwks(API_KEY, FS, IDP).block());

    assertThat(failure.status()).isEqualTo(403);
    assertThat(failure.detail()).contains("empty body");
    assertThat(failure.mayHaveTakenEffect()).isFalse();
  }

  @Test
  void truncatedJsonIsMalformed() {
    stub.api(json(200, "{\"links\":[],\"results\":[{\"id\":\"" + IDP));

    var failure = failure(client.listConnectedOrgConfigs(API_KEY, FS).block());

    assertThat(failure.kind()).isEqualTo(FailureKind.MALFORMED_RESPONSE);
    assertThat(failure.status()).isEqualTo(200);
    assertThat(failure.detail()).contains("not the documented JSON");
  }

  @Test
  void htmlWithStatus200IsMalformed() {
    stub.api(
        new MockResponse.Builder()
            .code(200)
            .setHeader("Content-Type", "text/html")
            .body("<html>login</html>")
            .build());

    var failure = failure(client.getIdentityProvider(API_KEY, FS, IDP).block());

    assertThat(failure.kind()).isEqualTo(FailureKind.MALFORMED_RESPONSE);
    assertThat(failure.detail()).contains("HTML");
  }

  @Test
  void emptyBodyWhereJsonIsRequiredIsMalformed() {
    stub.api(new MockResponse.Builder().code(200).build());

    var failure = failure(client.getOrgFederationSettings(API_KEY, ORG).block());

    assertThat(failure.kind()).isEqualTo(FailureKind.MALFORMED_RESPONSE);
    assertThat(failure.detail()).contains("empty body");
    assertThat(failure.mayHaveTakenEffect()).isTrue();
  }

  @Test
  void pageWithoutResultsIsMalformed() {
    stub.api(json(200, "{\"totalCount\":3}"));

    var failure = failure(client.listRateLimits(API_KEY, ORG).block());

    assertThat(failure.detail()).contains("results");
  }

  @Test
  void failureOnALaterPageFailsTheWholeList() {
    stub.api(
        json(200, AtlasStub.page(AtlasClientRequestsTest.idps(0, 500))),
        json(500, error(500, "UNEXPECTED_ERROR", "boom")));

    var failure =
        failure(
            client
                .listIdentityProviders(API_KEY, FS, java.util.Set.of(), java.util.Set.of())
                .block());

    assertThat(failure.status()).isEqualTo(500);
    assertThat(stub.apiRequests).hasSize(2);
  }

  @Test
  void responseThatNeverComesIsATimeoutThatMayHaveTakenEffect() {
    useClient(
        newClient(settings().withResponseTimeout(Duration.ofMillis(300)), Schedulers.parallel()));
    stub.api(
        new MockResponse.Builder(AtlasStub.noContent())
            .onResponseStart(SocketEffect.Stall.INSTANCE)
            .build());

    AtlasResult.Failure<Void> failure = failure(client.revokeJwks(API_KEY, FS, IDP).block());

    assertThat(failure.kind()).isEqualTo(FailureKind.TIMEOUT);
    assertThat(failure.status()).isZero();
    assertThat(failure.mayHaveTakenEffect()).isTrue();
    assertThat(failure.isRetryable()).isFalse();
    assertThat(stub.apiRequests).hasSize(1);
  }

  @Test
  void connectionDroppedAfterTheRequestMayHaveTakenEffect() {
    stub.api(
        new MockResponse.Builder(AtlasStub.noContent())
            .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
            .build());

    AtlasResult.Failure<Void> failure = failure(client.revokeJwks(API_KEY, FS, IDP).block());

    assertThat(failure.kind()).isEqualTo(FailureKind.CONNECTION_CLOSED);
    assertThat(failure.mayHaveTakenEffect()).isTrue();
    assertThat(stub.apiRequests).hasSize(1);
  }

  @Test
  void refusedConnectionCannotHaveTakenEffect() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      closedPort = socket.getLocalPort();
    }
    AtlasSettings base = settings();
    useClient(
        newClient(
            base.withBaseUrl(URI.create("http://127.0.0.1:" + closedPort)), Schedulers.parallel()));

    AtlasResult.Failure<Void> failure = failure(client.revokeJwks(API_KEY, FS, IDP).block());

    assertThat(failure.kind()).isEqualTo(FailureKind.CONNECT_FAILED);
    assertThat(failure.status()).isZero();
    assertThat(failure.mayHaveTakenEffect()).isFalse();
    assertThat(failure.isRetryable()).isTrue();
    assertThat(
            registry
                .get(Transport.METRIC)
                .tags("endpoint", "revokeJwks", "status", "none")
                .timer()
                .count())
        .isEqualTo(1);
  }

  @Test
  void retryAfterAsHttpDateIsMeasuredOnTheClock() {
    stub.api(
        new MockResponse.Builder(json(429, error(429, "RATE_LIMITED", "slow")))
            .setHeader("Retry-After", "Sun, 01 Jun 2025 00:01:30 GMT")
            .build());

    var failure = failure(client.revokeJwks(API_KEY, FS, IDP).block());

    assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(90));
  }

  @SuppressWarnings("unchecked") // tests know which call they made
  static <T> AtlasResult.Failure<T> failure(AtlasResult<T> result) {
    assertThat(result).isInstanceOf(AtlasResult.Failure.class);
    return (AtlasResult.Failure<T>) result;
  }
}
