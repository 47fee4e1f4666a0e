package dev.rotor.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotor.config.RateLimit;
import java.time.Duration;
import java.util.ArrayList;
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
  void aTokenReservedForALanesFirstRequestIsSpentWhenAtlasAnswers() {
    VirtualTimeScheduler time = VirtualTimeScheduler.create();
    Lane lane = new Lane("acme", new RateLimit(5, 20, Duration.ofSeconds(1)), 8, time);

    var tokens = new ArrayList<Lane.Reservation>();
    for (int i = 0; i < 5; i++) {
      tokens.add(lane.tryReserve());
    }
    assertThat(tokens).doesNotContainNull();
    assertThat(lane.tryReserve()).as("all five tokens reserved").isNull();
    tokens.forEach(Lane.Reservation::sent);
    time.advanceTimeBy(Duration.ofMillis(200));
    assertThat(lane.tryReserve()).as("still reserved while the requests are out").isNull();
    tokens.forEach(token -> token.answered(true));

    StepVerifier.withVirtualTime(lane::ready, () -> time, 1)
        .expectSubscription()
        .expectNoEvent(Duration.ofMillis(49))
        .thenAwait(Duration.ofMillis(1))
        .verifyComplete();
    assertThat(lane.tryReserve()).isNotNull();
  }

  @Test
  void onceARoundTripIsKnownTheTokenIsSpentHalfTheQuickestRoundTripAfterSending() {
    VirtualTimeScheduler time = VirtualTimeScheduler.create();
    Lane lane = new Lane("acme", new RateLimit(1, 5, Duration.ofSeconds(1)), 1, time);

    Lane.Reservation first = lane.tryReserve();
    first.sent();
    time.advanceTimeBy(Duration.ofMillis(80));
    first.answered(true);
    assertThat(lane.quickestRoundTrip()).isEqualTo(Duration.ofMillis(80));
    time.advanceTimeBy(Duration.ofMillis(200));

    Lane.Reservation second = lane.tryReserve();
    second.sent();
    time.advanceTimeBy(Duration.ofMillis(40));
    // Taken from the bucket 40 ms after sending, though not answered yet: the bucket refills
    // from then, 200 ms per token.
    time.advanceTimeBy(Duration.ofMillis(199));
    assertThat(lane.tryReserve()).isNull();
    time.advanceTimeBy(Duration.ofMillis(1));
    second.answered(true);
    assertThat(lane.tryReserve()).isNotNull();
  }

  @Test
  void aRequestAtlasDidNotCountGivesItsTokenBack() {
    VirtualTimeScheduler time = VirtualTimeScheduler.create();
    Lane lane = new Lane("acme", new RateLimit(1, 1, Duration.ofSeconds(10)), 1, time);

    Lane.Reservation first = lane.tryReserve();
    first.sent();
    time.advanceTimeBy(Duration.ofMillis(10));
    first.answered(true);
    time.advanceTimeBy(Duration.ofSeconds(10));

    Lane.Reservation refused = lane.tryReserve();
    refused.sent();
    time.advanceTimeBy(Duration.ofMillis(100));
    assertThat(lane.tryReserve()).as("spent 5 ms after sending").isNull();
    refused.answered(false);

    assertThat(lane.tryReserve()).as("a 429 Atlas did not count").isNotNull();
  }

  @Test
  void aReservationNeverSentLeavesTheTokenInTheBucket() {
    Lane lane =
        new Lane(
            "acme", new RateLimit(1, 1, Duration.ofSeconds(10)), 1, VirtualTimeScheduler.create());

    lane.tryReserve().cancel();

    assertThat(lane.tryReserve()).isNotNull();
  }
}
