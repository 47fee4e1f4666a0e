package dev.rotor.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts {@code rotor} as a separate JVM on the test class path, in a folder, with the environment
 * of a {@code rotor.env} file plus the given variables; its output goes to {@code NAME.out} and
 * {@code NAME.err} in that folder.
 */
final class RotorProcess {
  private final Path dir;
  private final Map<String, String> env = new HashMap<>();

  private RotorProcess(Path dir) {
    this.dir = dir;
  }

  /** Returns a launcher working in {@code dir}, with the variables of {@code dir/rotor.env}. */
  static RotorProcess in(Path dir) throws IOException {
    RotorProcess process = new RotorProcess(dir);
    for (String line : Files.readAllLines(dir.resolve("rotor.env"))) {
      int eq = line.indexOf('=');
      if (eq > 0 && !line.startsWith("#")) {
        process.env.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return process;
  }

  RotorProcess env(String name, String value) {
    env.put(name, value);
    return this;
  }

  /** Returns the values of the variables whose names end with one of {@code suffixes}. */
  List<String> values(String... suffixes) {
    List<String> values = new ArrayList<>();
    env.forEach(
        (name, value) -> {
          for (String suffix : suffixes) {
            if (name.endsWith(suffix)) {
              values.add(value);
            }
          }
        });
    return values;
  }

  Process start(String name, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.environment().putAll(env);
    builder.redirectOutput(dir.resolve(name + ".out").toFile());
    builder.redirectError(dir.resolve(name + ".err").toFile());
    return builder.start();
  }
}
