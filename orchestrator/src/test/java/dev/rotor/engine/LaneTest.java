package dev.rotor.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotor.config.RateLimit;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/** Drives a lane's bucket and pauses with virtual time. */
class LaneTest {

  @Test
  void burstsToCapacityThenFollowsTheRefillRate() {
    VirtualTimeScheduler time = VirtualTimeScheduler.create();
    Lane lane = new Lane("acme", new RateLimit(5, 1, Duration.ofSeconds(1)), 4, time);

    StepVerifier.withVirtualTime(
            () -> Flux.range(0, 8).concatMap(i -> lane.permit().thenReturn(i)), () -> time, 100)
        .expectSubscription()
        .expectNext(0, 1, 2, 3, 4)
        .expectNoEvent(Duration.ofMillis(999))
        .thenAwait(Duration.ofMillis(1))
        .expectNext(5)
        .thenAwait(Duration.ofSeconds(1))
        .expectNext(6)
        .thenAwait(Duration.ofSeconds(1))
        .expectNext(7)
        .verifyComplete();
    assertThat(lane.waits()).isEqualTo(3);
  }

  @Test
  void aPauseHoldsTheWholeLaneUntilTheTimeGiven() {
    VirtualTimeScheduler time = VirtualTimeScheduler.create();
    Lane lane = new Lane("acme", new RateLimit(100, 100, Duration.ofSeconds(1)), 4, time);
    lane.pause(Duration.ofSeconds(55));

    StepVerifier.withVirtualTime(
            () -> Flux.range(0, 3).flatMap(i -> lane.permit().thenReturn(i)), () -> time, 100)
        .expectSubscription()
        .expectNoEvent(Duration.ofSeconds(54))
        .thenAwait(Duration.ofSeconds(1))
        .expectNextCount(3)
        .verifyComplete();
  }

  @Test
  void aShorterPauseNeverShortensALongerOne() {
    VirtualTimeScheduler time = VirtualTimeScheduler.create();
    Lane lane = new Lane("acme", new RateLimit(100, 100, Duration.ofSeconds(1)), 4, time);
    lane.pause(Duration.ofSeconds(30));
    lane.pause(Duration.ofSeconds(5));

    StepVerifier.withVirtualTime(lane::permit, () -> time, 1)
        .expectSubscription()
        .expectNoEvent(Duration.ofSeconds(29))
        .thenAwait(Duration.ofSeconds(1))
        .verifyComplete();
  }

  @Test
  void haltsAfterTheGivenNumberOfRefusals() {
    Lane lane =
        new Lane(
            "acme", new RateLimit(1, 1, Duration.ofSeconds(1)), 1, VirtualTimeScheduler.create());

    assertThat(lane.refused(3, "403 NOT_ORG_OWNER")).isFalse();
    assertThat(lane.refused(3, "403 NOT_ORG_OWNER")).isFalse();
    assertThat(lane.haltReason()).isNull();
    assertThat(lane.refused(3, "403 NOT_ORG_OWNER")).isTrue();
    assertThat(lane.haltReason()).isEqualTo("403 NOT_ORG_OWNER");
  }

  @Test
  void aTokenReservedForARequestInFlightIsSpentWhenAtlasAnswers() {
    VirtualTimeScheduler time = VirtualTimeScheduler.create();
    Lane lane = new Lane("acme", new RateLimit(5, 20, Duration.ofSeconds(1)), 8, time);

    for (int i = 0; i < 5; i++) {
      assertThat(lane.tryReserve()).isTrue();
    }
    assertThat(lane.tryReserve()).as("all five tokens reserved").isFalse();
    for (int i = 0; i < 5; i++) {
      lane.settle(true);
    }

    StepVerifier.withVirtualTime(lane::ready, () -> time, 1)
        .expectSubscription()
        .expectNoEvent(Duration.ofMillis(49))
        .thenAwait(Duration.ofMillis(1))
        .verifyComplete();
    assertThat(lane.tryReserve()).isTrue();
  }
}
