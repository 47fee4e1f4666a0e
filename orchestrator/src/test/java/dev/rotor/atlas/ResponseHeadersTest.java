package dev.rotor.atlas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotor.auth.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ResponseHeadersTest {
  private final MutableClock clock = MutableClock.atStart();

  @Test
  void retryAfterInSeconds() {
    assertThat(ResponseHeaders.retryAfter("55", clock)).isEqualTo(Duration.ofSeconds(55));
    assertThat(ResponseHeaders.retryAfter(" 0 ", clock)).isEqualTo(Duration.ZERO);
  }

  @Test
  void retryAfterAsHttpDate() {
    assertThat(ResponseHeaders.retryAfter("Sun, 01 Jun 2025 00:00:42 GMT", clock))
        .isEqualTo(Duration.ofSeconds(42));
  }

  @Test
  void retryAfterInThePastIsNoWait() {
    assertThat(ResponseHeaders.retryAfter("Sat, 31 May 2025 23:00:00 GMT", clock))
        .isEqualTo(Duration.ZERO);
  }

  @Test
  void unreadableRetryAfterIsAbsent() {
    assertThat(ResponseHeaders.retryAfter("soon", clock)).isNull();
    assertThat(ResponseHeaders.retryAfter(null, clock)).isNull();
    assertThat(ResponseHeaders.retryAfter("99999999999999999999999", clock)).isNull();
  }
}
