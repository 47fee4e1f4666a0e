package dev.rotor.engine;

import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.Queue;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * Caps the revoke calls in flight across every tenant, and hands free slots out fairly: to the
 * waiter with the lowest ticket, a ticket being the count of its lane's earlier requests, first
 * come first served among equals. So every tenant's first call goes out before any tenant's second
 * (each bucket starts refilling as early as it can), and a tenant with 10,000 identity providers
 * cannot crowd out one with 5. Nobody blocks a thread while waiting.
 */
final class InFlightLimit {
  private final Queue<Waiter> waiters =
      new PriorityQueue<>(
          Comparator.comparingLong(Waiter::priority).thenComparingLong(Waiter::arrival));
  private int available;
  private long arrivals;

  InFlightLimit(int permits) {
    this.available = permits;
  }

  /**
   * Completes with a permit once one is free; among waiters, the lowest {@code priority} is served
   * first. Releasing the permit hands it to the next waiter.
   */
  Mono<Permit> acquire(long priority) {
    return Mono.create(sink -> enqueue(sink, priority));
  }

  private void enqueue(MonoSink<Permit> sink, long priority) {
    Waiter waiter;
    synchronized (this) {
      if (available > 0 && waiters.isEmpty()) {
        available--;
        waiter = null;
      } else {
        waiter = new Waiter(sink, priority, arrivals++);
        waiters.add(waiter);
      }
    }
    if (waiter == null) {
      sink.success(new Permit());
    } else {
      sink.onCancel(() -> cancel(waiter));
    }
  }

  private synchronized void cancel(Waiter waiter) {
    waiters.remove(waiter);
  }

  private void release() {
    Waiter next;
    synchronized (this) {
      next = waiters.poll();
      if (next == null) {
        available++;
        return;
      }
    }
    next.sink().success(new Permit());
  }

  private record Waiter(MonoSink<Permit> sink, long priority, long arrival) {}

  /** One call's right to be in flight; releasing it more than once releases it once. */
  final class Permit {
    private boolean released;

    void release() {
      synchronized (this) {
        if (released) {
          return;
        }
        released = true;
      }
      InFlightLimit.this.release();
    }
  }
}
