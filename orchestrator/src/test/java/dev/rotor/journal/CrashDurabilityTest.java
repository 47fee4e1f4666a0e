package dev.rotor.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotor.config.StoreSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a writing JVM with SIGKILL and checks that every write it saw completed is in the file: the
 * engine sends a request only after its intent's future completes, so that must hold.
 */
class CrashDurabilityTest {
  @TempDir Path dir;

  @Test
  void everyCompletedWriteSurvivesAKilledProcess() throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("rotor").toAbsolutePath();
    Process child = startWriter(url);
    List<String> seen;
    try {
      seen = readCompletions(child, 2_000);
    } finally {
      child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    assertThat(seen).hasSize(2_000);
    try (Journal journal = Journal.open(new StoreSettings(url, "rotor", null, 2))) {
      int lastIntent = seqOf(seen.get(seen.size() - 1));
      List<TargetRecord> touched =
          journal.targetsInState(
              "run-kill", EnumSet.of(TargetState.IN_FLIGHT, TargetState.REVOKED));
      assertThat(touched.size()).isGreaterThanOrEqualTo(lastIntent);
      assertThat(touched.subList(0, lastIntent - 1))
          .allSatisfy(t -> assertThat(t.state()).isEqualTo(TargetState.REVOKED));
    }
  }

  private static Process startWriter(String url) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            "-Xmx512m",
            CrashingWriterMain.class.getName(),
            url)
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  /** Reads the child's completions up to {@code count} of them, skipping its log lines. */
  private static List<String> readCompletions(Process child, int count) throws IOException {
    List<String> seen = new ArrayList<>();
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while (seen.size() < count && (line = reader.readLine()) != null) {
      if (line.startsWith("intent ") || line.startsWith("outcome ")) {
        seen.add(line);
      }
    }
    return seen;
  }

  private static int seqOf(String line) {
    return Integer.parseInt(line.substring(line.indexOf(' ') + 1));
  }
}
