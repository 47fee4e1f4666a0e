package dev.rotor.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** Supplies {@code rotor --version} from the version the build stamped into the jar. */
public final class VersionProvider implements CommandLine.IVersionProvider {

  /** Returns Rotor's version, {@code dev} when run from classes the build did not stamp. */
  public static String version() {
    try (InputStream in =
        VersionProvider.class.getResourceAsStream("/dev/rotor/version.properties")) {
      if (in == null) {
        return "dev";
      }
      var properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "dev");
    } catch (IOException e) {
      return "dev";
    }
  }

  @Override
  public String[] getVersion() {
    return new String[] {
      "rotor " + version(),
      "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
    };
  }
}
