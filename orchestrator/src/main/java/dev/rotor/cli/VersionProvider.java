package dev.rotor.cli;

import dev.rotor.config.RotorVersion;
import picocli.CommandLine;

/** Supplies {@code rotor --version} from the version the build stamped into the jar. */
public final class VersionProvider implements CommandLine.IVersionProvider {

  @Override
  public String[] getVersion() {
    return new String[] {
      "rotor " + RotorVersion.current(),
      "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
    };
  }
}
