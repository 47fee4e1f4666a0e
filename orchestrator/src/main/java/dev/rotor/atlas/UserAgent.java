package dev.rotor.atlas;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Builds the {@code User-Agent} header from the version the build wrote into the classpath. */
final class UserAgent {
  private static final String RESOURCE = "/dev/rotor/version.properties";

  private UserAgent() {}

  static String value() {
    return "Rotor/" + version();
  }

  static String version() {
    try (InputStream in = UserAgent.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        return "dev";
      }
      Properties properties = new Properties();
      properties.load(in);
      String version = properties.getProperty("version", "").strip();
      return version.isEmpty() || version.contains("${") ? "dev" : version;
    } catch (IOException | IllegalArgumentException e) {
      return "dev";
    }
  }
}
