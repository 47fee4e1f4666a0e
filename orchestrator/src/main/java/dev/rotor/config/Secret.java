package dev.rotor.config;

import static java.util.Objects.requireNonNull;

/**
 * Holds a secret value (a client secret, a private key, a password) so that it never reaches a log,
 * an exception message or a report by accident: {@link #toString()} prints a mask, and only {@link
 * #reveal()} hands the value out, at the single place that sends it.
 */
public final class Secret {
  private final String value;
  private final String origin;

  private Secret(String value, String origin) {
    this.value = requireNonNull(value, "value");
    this.origin = requireNonNull(origin, "origin");
  }

  /** Returns a secret read from {@code origin}, a reference such as {@code ${env:NAME}}. */
  public static Secret of(String value, String origin) {
    return new Secret(value, origin);
  }

  /** Returns the secret value itself; call it only where the value is sent. */
  public String reveal() {
    return value;
  }

  /** Returns where the value came from, safe to print. */
  public String origin() {
    return origin;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Secret that && value.equals(that.value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return "Secret[" + origin + "]";
  }
}
