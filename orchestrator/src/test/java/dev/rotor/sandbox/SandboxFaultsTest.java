package dev.rotor.sandbox;

import static dev.rotor.sandbox.Demo.*;
import static dev.rotor.sandbox.SandboxRevokeTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SandboxFaultsTest {

  private static final String PATH = SandboxClient.revokePath(ACME_FEDERATION, ACME_OIDC);

  private static SandboxServer sandbox;
  private static SandboxClient client;
  private static String token;

  @BeforeAll
  static void start() {
    sandbox =
        SandboxServer.start(
            SandboxSettings.defaults()
                .withRevokeLimit(BucketLimit.of(10_000, Duration.ofSeconds(60))));
    client = new SandboxClient(sandbox.baseUrl());
    token = client.accessToken(ACME_CLIENT, ACME_SECRET);
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @BeforeEach
  void clearFaults() {
    sandbox.setFaults(Faults.NONE);
  }

  @Test
  void error500IsNotApplied() {
    int before = sandbox.revocations().size();
    sandbox.setFaults(Faults.NONE.withError500Ratio(1.0));

    assertError(client.revoke(token, ACME_FEDERATION, ACME_OIDC), 500, "UNEXPECTED_ERROR");
    assertThat(sandbox.revocations()).hasSize(before);
  }

  @Test
  void error503CarriesRetryAfterAndIsNotApplied() {
    int before = sandbox.revocations().size();
    sandbox.setFaults(Faults.NONE.withError503Ratio(1.0));

    HttpResponse<String> response = client.revoke(token, ACME_FEDERATION, ACME_OIDC);

    assertError(response, 503, "SERVICE_UNAVAILABLE");
    assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
    assertThat(sandbox.revocations()).hasSize(before);
  }

  @Test
  void hangAfterApplyRecordsRevocationWithoutResponse() {
    int before = sandbox.revocations().size();
    sandbox.setFaults(Faults.NONE.withHangAfterApplyRatio(1.0));

    assertThatThrownBy(() -> client.withTimeout("DELETE", PATH, token, Duration.ofMillis(300)))
        .isInstanceOf(HttpTimeoutException.class);
    assertThat(sandbox.revocations()).hasSize(before + 1);
  }

  @Test
  void dropBeforeApplyClosesConnectionWithoutApplying() {
    int before = sandbox.revocations().size();
    sandbox.setFaults(Faults.NONE.withDropBeforeApplyRatio(1.0));

    assertThatThrownBy(() -> client.withTimeout("DELETE", PATH, token, Duration.ofSeconds(5)))
        .isInstanceOf(IOException.class)
        .isNotInstanceOf(HttpTimeoutException.class);
    assertThat(sandbox.revocations()).hasSize(before);
  }

  @Test
  void dropAfterApplyClosesConnectionAfterApplying() {
    int before = sandbox.revocations().size();
    sandbox.setFaults(Faults.NONE.withDropAfterApplyRatio(1.0));

    assertThatThrownBy(() -> client.withTimeout("DELETE", PATH, token, Duration.ofSeconds(5)))
        .isInstanceOf(IOException.class)
        .isNotInstanceOf(HttpTimeoutException.class);
    assertThat(sandbox.revocations()).hasSize(before + 1);
  }

  @Test
  void latencyDelaysTheAnswer() throws Exception {
    sandbox.setFaults(Faults.NONE.withLatency(400, 0));

    assertThatThrownBy(() -> client.withTimeout("DELETE", PATH, token, Duration.ofMillis(150)))
        .isInstanceOf(HttpTimeoutException.class);
    assertThat(client.withTimeout("DELETE", PATH, token, Duration.ofSeconds(5)).statusCode())
        .isEqualTo(204);
  }

  @Test
  void ratiosSplitRequestsReproduciblyBySeed() {
    Faults faults = Faults.NONE.withError500Ratio(0.3).withError503Ratio(0.2);
    FaultInjector first = new FaultInjector(faults, 7);
    FaultInjector second = new FaultInjector(faults, 7);
    int errors = 0;
    for (int i = 0; i < 1000; i++) {
      FaultInjector.Outcome outcome = first.draw();
      assertThat(second.draw()).isEqualTo(outcome);
      errors += outcome == FaultInjector.Outcome.NONE ? 0 : 1;
    }

    assertThat(errors).isBetween(440, 560);
  }

  @Test
  void ratiosOutsideZeroToOneAreRejected() {
    assertThatThrownBy(() -> Faults.NONE.withError500Ratio(1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("error500Ratio");
  }
}
