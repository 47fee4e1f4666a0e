package dev.rotor.sandbox;

import static dev.rotor.sandbox.Demo.*;
import static dev.rotor.sandbox.SandboxRevokeTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SandboxLimitsTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-10T08:00:00Z"));
  private SandboxServer sandbox;
  private SandboxClient client;

  @AfterEach
  void stop() {
    sandbox.close();
  }

  private void start(SandboxSettings settings) {
    sandbox = SandboxServer.start(settings.withClock(clock));
    client = new SandboxClient(sandbox.baseUrl());
  }

  @Test
  void emptyRevokeBucketAnswersRateLimitedWithRetryAfter() {
    start(
        SandboxSettings.defaults().withRevokeLimit(new BucketLimit(2, 1, Duration.ofSeconds(30))));
    String token = client.accessToken(ACME_CLIENT, ACME_SECRET);
    client.revoke(token, ACME_FEDERATION, ACME_OIDC);
    client.revoke(token, ACME_FEDERATION, ACME_OIDC);

    HttpResponse<String> limited = client.revoke(token, ACME_FEDERATION, ACME_OIDC);

    assertError(limited, 429, "RATE_LIMITED_TOKEN_BUCKET");
    assertThat(limited.headers().firstValue("Retry-After")).hasValue("30");
    assertThat(SandboxClient.json(limited).get("detail").asString())
        .contains("Please retry after 30 seconds. Request capacity: 2. Refill rate: 1 per 30");
    assertThat(sandbox.revocations()).hasSize(2);
  }

  @Test
  void revokeBucketRefillsAsTheClockMoves() {
    start(
        SandboxSettings.defaults().withRevokeLimit(new BucketLimit(1, 1, Duration.ofSeconds(60))));
    String token = client.accessToken(ACME_CLIENT, ACME_SECRET);
    assertThat(client.revoke(token, ACME_FEDERATION, ACME_OIDC).statusCode()).isEqualTo(204);
    clock.advance(Duration.ofSeconds(20));
    HttpResponse<String> limited = client.revoke(token, ACME_FEDERATION, ACME_OIDC);
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("Retry-After")).hasValue("40");

    clock.advance(Duration.ofSeconds(40));

    assertThat(client.revoke(token, ACME_FEDERATION, ACME_OIDC).statusCode()).isEqualTo(204);
  }

  @Test
  void bucketsArePerOrganization() {
    start(
        SandboxSettings.defaults().withRevokeLimit(new BucketLimit(1, 1, Duration.ofSeconds(60))));
    String acme = client.accessToken(ACME_CLIENT, ACME_SECRET);
    String globex = client.accessToken(GLOBEX_CLIENT, GLOBEX_SECRET);

    assertThat(client.revoke(acme, SHARED_FEDERATION, SHARED_OIDC).statusCode()).isEqualTo(204);
    assertThat(client.revoke(globex, SHARED_FEDERATION, SHARED_OIDC).statusCode()).isEqualTo(204);
    assertThat(client.revoke(acme, SHARED_FEDERATION, SHARED_OIDC).statusCode()).isEqualTo(429);
  }

  @Test
  void tokenEndpointIsRateLimitedPerClient() {
    start(
        SandboxSettings.defaults()
            .withTokenEndpointLimit(BucketLimit.of(3, Duration.ofMinutes(1))));
    for (int i = 0; i < 3; i++) {
      assertThat(client.token(ACME_CLIENT, ACME_SECRET).statusCode()).isEqualTo(200);
    }

    HttpResponse<String> limited = client.token(ACME_CLIENT, ACME_SECRET);

    assertError(limited, 429, "RATE_LIMITED");
    assertThat(limited.headers().firstValue("Retry-After")).hasValue("20");
    assertThat(client.token(GLOBEX_CLIENT, GLOBEX_SECRET).statusCode()).isEqualTo(200);
  }

  @Test
  void liveTokenLimitAnswersAccessDeniedUntilTokensExpire() {
    start(SandboxSettings.defaults().withLiveTokenLimit(2));
    client.accessToken(ACME_CLIENT, ACME_SECRET);
    client.accessToken(ACME_CLIENT, ACME_SECRET);

    HttpResponse<String> denied = client.token(ACME_CLIENT, ACME_SECRET);

    assertThat(denied.statusCode()).isEqualTo(403);
    assertThat(SandboxClient.json(denied).get("error").asString()).isEqualTo("access_denied");
    assertThat(SandboxClient.json(denied).get("error_description").asString())
        .isEqualTo("Access Token limit reached");
    clock.advance(Duration.ofHours(1));
    assertThat(client.token(ACME_CLIENT, ACME_SECRET).statusCode()).isEqualTo(200);
    assertThat(sandbox.tokenGrants()).containsEntry(ACME_CLIENT, 3);
  }

  @Test
  void tokenResponseFollowsClientCredentialsShape() {
    start(SandboxSettings.defaults().withTokenLifetime(Duration.ofMinutes(10)));

    HttpResponse<String> response = client.token(ACME_CLIENT, ACME_SECRET);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(SandboxClient.json(response).get("token_type").asString()).isEqualTo("Bearer");
    assertThat(SandboxClient.json(response).get("expires_in").asInt()).isEqualTo(600);
    assertThat(client.token(ACME_CLIENT, "wrong").statusCode()).isEqualTo(401);
  }
}
