package dev.rotor.engine;

import dev.rotor.config.RateLimit;
import java.time.Duration;

/**
 * Estimates how long a tenant's lane takes: the longer of what its bucket allows (capacity at once,
 * then the refill rate) and what its concurrency allows at the observed latency.
 */
public record Estimate(
    String tenant, long targets, Duration bucketBound, Duration concurrencyBound) {

  /** Returns the estimate of a lane of {@code targets} revocations. */
  static Estimate of(
      String tenant, long targets, RateLimit limit, int concurrency, Duration latency) {
    long afterBurst = Math.max(0, targets - limit.capacity());
    Duration bucket = Duration.ofMillis((long) Math.ceil(afterBurst / limit.perSecond() * 1000));
    long rounds = (targets + concurrency - 1) / Math.max(1, concurrency);
    Duration calls = latency.multipliedBy(rounds);
    return new Estimate(tenant, targets, bucket.plus(latency), calls);
  }

  /** Returns the estimated duration of the lane. */
  public Duration duration() {
    return bucketBound.compareTo(concurrencyBound) >= 0 ? bucketBound : concurrencyBound;
  }
}
