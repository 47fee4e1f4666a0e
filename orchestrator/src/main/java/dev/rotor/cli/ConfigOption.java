package dev.rotor.cli;

import dev.rotor.config.ConfigLoader;
import dev.rotor.config.RotorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** The {@code --config} option shared by every command that reads Rotor's configuration. */
final class ConfigOption {
  static final Path DEFAULT = Path.of("config", "rotor.yaml");

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Rotor's configuration (default: config/rotor.yaml when it exists).")
  @Nullable Path file;

  /** Returns the configuration file to read, or null to use the built-in defaults. */
  @Nullable Path file() {
    if (file != null) {
      return file;
    }
    return Files.isRegularFile(DEFAULT) ? DEFAULT : null;
  }

  /** Reads the configuration with the process environment. */
  RotorConfig load() {
    return ConfigLoader.load(file(), System::getenv);
  }
}
