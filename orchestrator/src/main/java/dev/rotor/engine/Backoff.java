package dev.rotor.engine;

import java.time.Duration;
import java.util.function.DoubleSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Exponential backoff with full jitter: the n-th retry waits a random time between zero and {@code
 * initial * 2^(n-1)}, capped at {@code max}, and never less than the {@code Retry-After} Atlas
 * gave.
 */
record Backoff(Duration initial, Duration max, DoubleSupplier random) {

  /** Returns the wait before retry number {@code retry} (1 for the first retry). */
  Duration delay(int retry, @Nullable Duration retryAfter) {
    long ceiling = Math.min(max.toNanos(), initial.toNanos() << Math.min(retry - 1, 30));
    Duration jittered = Duration.ofNanos((long) (random.getAsDouble() * ceiling));
    if (retryAfter != null && retryAfter.compareTo(jittered) > 0) {
      return retryAfter;
    }
    return jittered;
  }
}
