package dev.rotor.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RunIdsTest {
  @Test
  void runIdReadsAsItsStartTimeAndSortsByIt() {
    String earlier = RunIds.next(Instant.parse("2026-12-03T18:15:00.999Z"));
    String later = RunIds.next(Instant.parse("2026-12-03T18:15:01Z"));

    assertThat(earlier).matches("20261203T181500Z-[0-9a-f]{4}");
    assertThat(earlier).isLessThan(later);
  }
}
