package dev.rotor.sandbox;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Keeps one Bucket4j token bucket per key (endpoint set and organization, or token endpoint and
 * client), reading time from the sandbox clock so that tests can move it.
 */
final class RateLimiter {

  private final BucketLimit limit;
  private final TimeMeter timeMeter;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  RateLimiter(BucketLimit limit, Clock clock) {
    this.limit = limit;
    this.timeMeter = new ClockTimeMeter(clock);
  }

  BucketLimit limit() {
    return limit;
  }

  /** Takes one token from the key's bucket; the probe tells whether it was there. */
  ConsumptionProbe take(String key) {
    return buckets.computeIfAbsent(key, k -> newBucket()).tryConsumeAndReturnRemaining(1);
  }

  /** Returns whole seconds to wait before a token is back, rounded up, at least 1. */
  static long retryAfterSeconds(ConsumptionProbe probe) {
    long nanos = probe.getNanosToWaitForRefill();
    return Math.max(1, (nanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1));
  }

  private Bucket newBucket() {
    return Bucket.builder()
        .addLimit(b -> b.capacity(limit.capacity()).refillGreedy(limit.refill(), limit.period()))
        .withCustomTimePrecision(timeMeter)
        .build();
  }

  /** Reads Bucket4j time from a {@link Clock}. */
  private record ClockTimeMeter(Clock clock) implements TimeMeter {
    @Override
    public long currentTimeNanos() {
      Instant now = clock.instant();
      return TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano();
    }

    @Override
    public boolean isWallClockBased() {
      return true;
    }
  }
}
