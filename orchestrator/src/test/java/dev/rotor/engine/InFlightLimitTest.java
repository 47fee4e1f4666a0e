package dev.rotor.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

class InFlightLimitTest {

  @Test
  void waitersThatGiveTheirSlotBackAtOnceAreAllServedWithoutNestingHandOvers() {
    var limit = new InFlightLimit(1);
    var held = new ArrayList<InFlightLimit.Permit>();
    limit.acquire(0).subscribe(held::add);
    var served = new AtomicInteger();
    int waiters = 50_000;
    for (int i = 0; i < waiters; i++) {
      limit
          .acquire(1)
          .subscribe(
              permit -> {
                served.incrementAndGet();
                permit.release();
              });
    }
    assertThat(limit.waiting()).isEqualTo(waiters);

    held.get(0).release();

    assertThat(served).hasValue(waiters);
    assertThat(limit.waiting()).isZero();
    assertThat(limit.available()).isEqualTo(1);
  }

  @Test
  void theLowestTicketIsServedFirstAndEqualTicketsInArrivalOrder() {
    var limit = new InFlightLimit(1);
    var held = new ArrayList<InFlightLimit.Permit>();
    limit.acquire(0).subscribe(held::add);
    List<String> order = new ArrayList<>();
    limit.acquire(3).subscribe(p -> order.add("c"));
    limit.acquire(1).subscribe(p -> order.add("a1"));
    limit.acquire(2).subscribe(p -> order.add("b"));
    limit.acquire(1).subscribe(p -> order.add("a2"));

    held.get(0).release();

    // Nobody here releases, so only the first is served until a slot frees up.
    assertThat(order).containsExactly("a1");
    assertThat(limit.waiting()).isEqualTo(3);
  }

  @Test
  void aCancelledWaiterTakesNoSlotAndAReleasedPermitCountsOnce() {
    var limit = new InFlightLimit(1);
    var held = new ArrayList<InFlightLimit.Permit>();
    limit.acquire(0).subscribe(held::add);
    var served = new AtomicInteger();
    Disposable gone = limit.acquire(0).subscribe(p -> served.incrementAndGet());
    gone.dispose();

    held.get(0).release();
    held.get(0).release();

    assertThat(served).hasValue(0);
    assertThat(limit.waiting()).isZero();
    assertThat(limit.available()).isEqualTo(1);
  }
}
