package dev.rotor.atlas;

import dev.rotor.config.RotorVersion;

/** Builds the {@code User-Agent} header from the version the build wrote into the classpath. */
final class UserAgent {
  private UserAgent() {}

  static String value() {
    return "Rotor/" + RotorVersion.current();
  }

  static String version() {
    return RotorVersion.current();
  }
}
