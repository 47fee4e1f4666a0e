package dev.rotor.engine;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The quickest round trip of a run's revoke calls, whichever tenant's. Every lane talks to the same
 * Atlas over the same path, so one lane's answers tell another lane, before its own first answer,
 * how soon a request can reach Atlas.
 */
final class RoundTrips {
  private final AtomicLong quickestNanos = new AtomicLong(Long.MAX_VALUE);

  /** Counts a round trip of {@code nanos}. */
  void answered(long nanos) {
    quickestNanos.accumulateAndGet(nanos, Math::min);
  }

  /** Returns the quickest round trip so far, or null if no call was answered yet. */
  @Nullable Duration quickest() {
    long nanos = quickestNanos.get();
    return nanos == Long.MAX_VALUE ? null : Duration.ofNanos(nanos);
  }
}
