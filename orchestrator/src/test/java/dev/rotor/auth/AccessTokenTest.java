package dev.rotor.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AccessTokenTest {
  private static final Instant T0 = Instant.parse("2025-06-01T00:00:00Z");

  @Test
  void toStringMasksTheValue() {
    AccessToken token = new AccessToken("very-secret-token", T0, T0.plusSeconds(3600));

    assertThat(token.toString()).doesNotContain("very-secret-token").contains("****");
  }

  @Test
  void refreshesTheMarginAheadOfExpiry() {
    AccessToken token = new AccessToken("t", T0, T0.plusSeconds(3600));

    assertThat(token.refreshAt(Duration.ofMinutes(5))).isEqualTo(T0.plusSeconds(3300));
  }

  @Test
  void shortLifetimeUsesAProportionalMargin() {
    AccessToken token = new AccessToken("t", T0, T0.plusSeconds(400));

    assertThat(token.refreshAt(Duration.ofMinutes(5))).isEqualTo(T0.plusSeconds(300));
  }
}
