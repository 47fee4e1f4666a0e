package dev.rotor.sandbox;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;

/**
 * Configures a sandbox server; {@code withX} methods return changed copies.
 *
 * @param host the address to bind, {@code 127.0.0.1} by default
 * @param port the port to bind, 0 for any free port
 * @param fleet the organizations, federations and credentials served
 * @param clock the clock for tokens, nonces, events and buckets; tests advance it
 * @param tokenLifetime how long an access token lives, 3600 s by default
 * @param nonceLifetime how long a Digest nonce is fresh, 5 minutes by default
 * @param revokeLimit the bucket per organization for the revoke call
 * @param readLimit the bucket per organization for the read calls
 * @param tokenEndpointLimit the bucket per client for the token endpoint
 * @param liveTokenLimit the most live access tokens per service account
 * @param faults the faults injected from the start
 * @param faultSeed the seed of the random source that draws faults
 */
public record SandboxSettings(
    String host,
    int port,
    Fleet fleet,
    Clock clock,
    Duration tokenLifetime,
    Duration nonceLifetime,
    BucketLimit revokeLimit,
    BucketLimit readLimit,
    BucketLimit tokenEndpointLimit,
    int liveTokenLimit,
    Faults faults,
    long faultSeed) {

  /** Checks the values. */
  public SandboxSettings {
    requireNonNull(host, "host");
    requireNonNull(fleet, "fleet");
    requireNonNull(clock, "clock");
    requireNonNull(tokenLifetime, "tokenLifetime");
    requireNonNull(nonceLifetime, "nonceLifetime");
    requireNonNull(revokeLimit, "revokeLimit");
    requireNonNull(readLimit, "readLimit");
    requireNonNull(tokenEndpointLimit, "tokenEndpointLimit");
    requireNonNull(faults, "faults");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must lie between 0 and 65535, got " + port);
    }
    if (liveTokenLimit < 1) {
      throw new IllegalArgumentException(
          "liveTokenLimit must be at least 1, got " + liveTokenLimit);
    }
    requirePositive("tokenLifetime", tokenLifetime);
    requirePositive("nonceLifetime", nonceLifetime);
  }

  /**
   * Returns the defaults for {@code fleet}: 127.0.0.1 on any free port, the system UTC clock,
   * tokens of one hour, revoke bucket 100 refilled by 100 every 60 s, reads 10,000 a minute, token
   * endpoint 50 a minute per client, 100 live tokens per client, no faults.
   */
  public static SandboxSettings of(Fleet fleet) {
    return new SandboxSettings(
        "127.0.0.1",
        0,
        fleet,
        Clock.systemUTC(),
        Duration.ofHours(1),
        Duration.ofMinutes(5),
        new BucketLimit(100, 100, Duration.ofSeconds(60)),
        new BucketLimit(10_000, 10_000, Duration.ofSeconds(60)),
        new BucketLimit(50, 50, Duration.ofSeconds(60)),
        100,
        Faults.NONE,
        42L);
  }

  /** Returns the defaults of {@link #of} for the bundled demo fleet. */
  public static SandboxSettings defaults() {
    return of(Fleet.demo());
  }

  /** Returns a copy with another host. */
  public SandboxSettings withHost(String host) {
    return new SandboxSettings(
        host,
        port,
        fleet,
        clock,
        tokenLifetime,
        nonceLifetime,
        revokeLimit,
        readLimit,
        tokenEndpointLimit,
        liveTokenLimit,
        faults,
        faultSeed);
  }

  /** Returns a copy with another port. */
  public SandboxSettings withPort(int port) {
    return new SandboxSettings(
        host,
        port,
        fleet,
        clock,
        tokenLifetime,
        nonceLifetime,
        revokeLimit,
        readLimit,
        tokenEndpointLimit,
        liveTokenLimit,
        faults,
        faultSeed);
  }

  /** Returns a copy with another fleet. */
  public SandboxSettings withFleet(Fleet fleet) {
    return new SandboxSettings(
        host,
        port,
        fleet,
        clock,
        tokenLifetime,
        nonceLifetime,
        revokeLimit,
        readLimit,
        tokenEndpointLimit,
        liveTokenLimit,
        faults,
        faultSeed);
  }

  /** Returns a copy with another clock. */
  public SandboxSettings withClock(Clock clock) {
    return new SandboxSettings(
        host,
        port,
        fleet,
        clock,
        tokenLifetime,
        nonceLifetime,
        revokeLimit,
        readLimit,
        tokenEndpointLimit,
        liveTokenLimit,
        faults,
        faultSeed);
  }

  /** Returns a copy with another tokenLifetime. */
  public SandboxSettings withTokenLifetime(Duration tokenLifetime) {
    return new SandboxSettings(
        host,
        port,
        fleet,
        clock,
        tokenLifetime,
        nonceLifetime,
        revokeLimit,
        readLimit,
        tokenEndpointLimit,
        liveTokenLimit,
        faults,
        faultSeed);
  }

  /** Returns a copy with another nonceLifetime. */
  public SandboxSettings withNonceLifetime(Duration nonceLifetime) {
    return new SandboxSettings(
        host,
        port,
        fleet,
        clock,
        tokenLifetime,
        nonceLifetime,
        revokeLimit,
        readLimit,
        tokenEndpointLimit,
        liveTokenLimit,
        faults,
        faultSeed);
  }

  /** Returns a copy with another revokeLimit. */
  public SandboxSettings withRevokeLimit(BucketLimit revokeLimit) {
    return new SandboxSettings(
        host,
        port,
        fleet,
        clock,
        tokenLifetime,
        nonceLifetime,
        revokeLimit,
        readLimit,
        tokenEndpointLimit,
        liveTokenLimit,
        faults,
        faultSeed);
  }

  /** Returns a copy with another readLimit. */
  public SandboxSettings withReadLimit(BucketLimit readLimit) {
    return new SandboxSettings(
        host,
        port,
        fleet,
        clock,
        tokenLifetime,
        nonceLifetime,
        revokeLimit,
        readLimit,
        tokenEndpointLimit,
        liveTokenLimit,
        faults,
        faultSeed);
  }

  /** Returns a copy with another tokenEndpointLimit. */
  public SandboxSettings withTokenEndpointLimit(BucketLimit tokenEndpointLimit) {
    return new SandboxSettings(
        host,
        port,
        fleet,
        clock,
        tokenLifetime,
        nonceLifetime,
        revokeLimit,
        readLimit,
        tokenEndpointLimit,
        liveTokenLimit,
        faults,
        faultSeed);
  }

  /** Returns a copy with another liveTokenLimit. */
  public SandboxSettings withLiveTokenLimit(int liveTokenLimit) {
    return new SandboxSettings(
        host,
        port,
        fleet,
        clock,
        tokenLifetime,
        nonceLifetime,
        revokeLimit,
        readLimit,
        tokenEndpointLimit,
        liveTokenLimit,
        faults,
        faultSeed);
  }

  /** Returns a copy with another faults. */
  public SandboxSettings withFaults(Faults faults) {
    return new SandboxSettings(
        host,
        port,
        fleet,
        clock,
        tokenLifetime,
        nonceLifetime,
        revokeLimit,
        readLimit,
        tokenEndpointLimit,
        liveTokenLimit,
        faults,
        faultSeed);
  }

  /** Returns a copy with another faultSeed. */
  public SandboxSettings withFaultSeed(long faultSeed) {
    return new SandboxSettings(
        host,
        port,
        fleet,
        clock,
        tokenLifetime,
        nonceLifetime,
        revokeLimit,
        readLimit,
        tokenEndpointLimit,
        liveTokenLimit,
        faults,
        faultSeed);
  }

  private static void requirePositive(String name, Duration duration) {
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + duration);
    }
  }
}
