package dev.rotor.config;

import java.time.Duration;

/**
 * A token bucket as Atlas expresses it: {@code capacity} requests at once, {@code refill} requests
 * added back every {@code period}.
 */
public record RateLimit(long capacity, long refill, Duration period) {

  /** Returns the steady rate in requests per second. */
  public double perSecond() {
    return refill / (period.toNanos() / 1e9);
  }
}
