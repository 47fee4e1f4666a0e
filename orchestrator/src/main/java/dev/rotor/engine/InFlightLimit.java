package dev.rotor.engine;

import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * Caps the revoke calls in flight across every tenant, and hands free slots out fairly: to the
 * waiter with the lowest ticket, a ticket being the count of its lane's earlier requests, first
 * come first served among equals. So every tenant's first call goes out before any tenant's second
 * (each bucket starts refilling as early as it can), and a tenant with 10,000 identity providers
 * cannot crowd out one with 5. Nobody blocks a thread while waiting.
 *
 * <p>Slots are handed out by one drain loop at a time. A waiter that gets a slot may give it back
 * at once, from inside the hand-over (its lane has no token left); that only bumps the loop's
 * counter, so the hand-overs never nest on one thread's stack, however many waiters there are.
 */
final class InFlightLimit {
  private final Queue<Waiter> waiters =
      new PriorityQueue<>(
          Comparator.comparingLong(Waiter::priority).thenComparingLong(Waiter::arrival));
  private final AtomicInteger drains = new AtomicInteger();
  private int available;
  private long arrivals;

  InFlightLimit(int permits) {
    this.available = permits;
  }

  /**
   * Completes with a permit once one is free; among waiters, the lowest {@code priority} is served
   * first. Releasing the permit hands it to the next waiter. A permit handed to a subscriber that
   * cancelled meanwhile is released again.
   */
  Mono<Permit> acquire(long priority) {
    return Mono.<Permit>create(sink -> enqueue(sink, priority))
        .doOnDiscard(Permit.class, Permit::release);
  }

  /** Returns how many slots are free now (for tests and metrics). */
  synchronized int available() {
    return available;
  }

  /** Returns how many requests wait for a slot now. */
  synchronized int waiting() {
    return waiters.size();
  }

  private void enqueue(MonoSink<Permit> sink, long priority) {
    Waiter waiter;
    synchronized (this) {
      waiter = new Waiter(sink, priority, arrivals++);
      waiters.add(waiter);
    }
    sink.onCancel(() -> cancel(waiter));
    drain();
  }

  private synchronized void cancel(Waiter waiter) {
    waiters.remove(waiter);
  }

  private void release() {
    synchronized (this) {
      available++;
    }
    drain();
  }

  /** Hands free slots to waiters until one or the other runs out; one thread at a time. */
  private void drain() {
    if (drains.getAndIncrement() != 0) {
      return;
    }
    int missed = 1;
    do {
      @Nullable Waiter next;
      while ((next = take()) != null) {
        next.sink().success(new Permit());
      }
      missed = drains.addAndGet(-missed);
    } while (missed != 0);
  }

  private synchronized @Nullable Waiter take() {
    if (available == 0 || waiters.isEmpty()) {
      return null;
    }
    available--;
    return waiters.poll();
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
