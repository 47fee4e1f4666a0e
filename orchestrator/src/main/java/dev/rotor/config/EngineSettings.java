package dev.rotor.config;

import java.time.Duration;

/**
 * Tunes the revocation engine.
 *
 * @param maxInFlight the most revoke calls in flight at once, across every tenant
 * @param cooldown an identity provider revoked by an earlier run less than this long ago is skipped
 * @param maxAttempts the most attempts of one revocation that certainly did not take effect
 * @param initialBackoff the first backoff between attempts; it doubles, with full jitter
 * @param maxBackoff the longest backoff between attempts
 * @param drainTimeout how long a stopping run waits for the calls in flight
 * @param credentialRefusals after this many refusals of its credential a tenant is halted
 */
public record EngineSettings(
    int maxInFlight,
    Duration cooldown,
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration drainTimeout,
    int credentialRefusals) {

  /** Returns the defaults. */
  public static EngineSettings defaults() {
    return new EngineSettings(
        256,
        Duration.ofHours(1),
        8,
        Duration.ofMillis(500),
        Duration.ofSeconds(60),
        Duration.ofSeconds(30),
        3);
  }
}
