package dev.rotor.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private static final Duration SECOND = Duration.ofSeconds(1);

  @Test
  void doublesTheCeilingAtEachRetryUpToTheMaximum() {
    Backoff top = new Backoff(SECOND, Duration.ofSeconds(10), () -> 0.999_999);

    assertThat(top.delay(1, null)).isBetween(Duration.ofMillis(999), SECOND);
    assertThat(top.delay(2, null)).isBetween(Duration.ofMillis(1999), Duration.ofSeconds(2));
    assertThat(top.delay(3, null)).isBetween(Duration.ofMillis(3999), Duration.ofSeconds(4));
    assertThat(top.delay(9, null)).isBetween(Duration.ofMillis(9999), Duration.ofSeconds(10));
  }

  @Test
  void jittersDownToZero() {
    Backoff bottom = new Backoff(SECOND, Duration.ofSeconds(10), () -> 0.0);

    assertThat(bottom.delay(5, null)).isZero();
  }

  @Test
  void neverWaitsLessThanRetryAfter() {
    Backoff bottom = new Backoff(SECOND, Duration.ofSeconds(10), () -> 0.0);

    assertThat(bottom.delay(1, Duration.ofSeconds(55))).isEqualTo(Duration.ofSeconds(55));
  }
}
