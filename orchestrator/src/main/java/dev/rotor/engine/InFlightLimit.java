package dev.rotor.engine;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * Caps the revoke calls in flight across every tenant. Waiters are served first come, first served,
 * so that no lane can starve another of permits; nobody blocks a thread while waiting.
 */
final class InFlightLimit {
  private final Queue<MonoSink<Permit>> waiters = new ConcurrentLinkedQueue<>();
  private int available;

  InFlightLimit(int permits) {
    this.available = permits;
  }

  /** Completes with a permit once one is free; releasing the permit hands it to the next waiter. */
  Mono<Permit> acquire() {
    return Mono.create(this::enqueue);
  }

  private void enqueue(MonoSink<Permit> sink) {
    sink.onCancel(() -> waiters.remove(sink));
    Permit granted = null;
    synchronized (this) {
      if (available > 0 && waiters.isEmpty()) {
        available--;
        granted = new Permit();
      } else {
        waiters.add(sink);
      }
    }
    if (granted != null) {
      sink.success(granted);
    }
  }

  private void release() {
    MonoSink<Permit> next;
    synchronized (this) {
      next = waiters.poll();
      if (next == null) {
        available++;
        return;
      }
    }
    next.success(new Permit());
  }

  /** One call's right to be in flight; release it exactly once. */
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
