package dev.rotor.sandbox;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Describes a token bucket: at most {@code capacity} requests in a burst, refilled by {@code
 * refill} tokens every {@code period}.
 */
public record BucketLimit(long capacity, long refill, Duration period) {

  /** Checks that the bucket can ever serve a request. */
  public BucketLimit {
    requireNonNull(period, "period");
    if (capacity < 1 || refill < 1) {
      throw new IllegalArgumentException(
          "Bucket capacity and refill must be at least 1, got " + capacity + " and " + refill);
    }
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("Bucket period must be positive, got " + period);
    }
  }

  /** Returns a bucket of {@code capacity} tokens refilled by as many every {@code period}. */
  public static BucketLimit of(long capacity, Duration period) {
    return new BucketLimit(capacity, capacity, period);
  }
}
