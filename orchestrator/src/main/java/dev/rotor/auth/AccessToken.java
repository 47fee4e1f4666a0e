package dev.rotor.auth;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;

/**
 * An OAuth 2.0 bearer token issued to a service account. Its {@link #toString()} masks the value;
 * only {@link #value()} hands it out, at the single place that sends it.
 *
 * @param value the token itself
 * @param obtainedAt when the token request was sent, by the client's clock
 * @param expiresAt when Atlas stops accepting the token, by the client's clock
 */
public record AccessToken(String value, Instant obtainedAt, Instant expiresAt) {

  /** Checks the fields. */
  public AccessToken {
    requireNonNull(value, "value");
    requireNonNull(obtainedAt, "obtainedAt");
    requireNonNull(expiresAt, "expiresAt");
  }

  /** Returns how long the token was granted for. */
  public Duration lifetime() {
    return Duration.between(obtainedAt, expiresAt);
  }

  /** Returns when the token should be replaced, {@code margin} ahead of its expiry. */
  public Instant refreshAt(Duration margin) {
    Duration lifetime = lifetime();
    Duration applied =
        lifetime.compareTo(margin.multipliedBy(2)) < 0 ? lifetime.dividedBy(4) : margin;
    return expiresAt.minus(applied);
  }

  @Override
  public String toString() {
    return "AccessToken[****, expiresAt=" + expiresAt + "]";
  }
}
