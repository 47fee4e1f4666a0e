package dev.rotor.config;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Reads Rotor's version, as the build wrote it into the classpath, once. */
public final class RotorVersion {
  private static final String RESOURCE = "/dev/rotor/version.properties";
  private static final String CURRENT = read();

  private RotorVersion() {}

  /** Returns Rotor's version, or {@code dev} when running from classes the build did not stamp. */
  public static String current() {
    return CURRENT;
  }

  private static String read() {
    try (InputStream in = RotorVersion.class.getResourceAsStream(RESOURCE)) {
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
