package dev.rotor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotor.sandbox.BucketLimit;
import dev.rotor.sandbox.Faults;
import dev.rotor.sandbox.Fleet;
import dev.rotor.sandbox.FleetFiles;
import dev.rotor.sandbox.SandboxServer;
import dev.rotor.sandbox.SandboxSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs a whole plan as a separate process at DEBUG level, with service accounts and an API key,
 * faults and retries, then greps everything it wrote (its output, its logs, every report file) for
 * the secrets it used and for the tokens it was given.
 */
class SecretsNeverLeakTest {
  private static final Pattern SANDBOX_TOKEN = Pattern.compile("sbx_at_[A-Za-z0-9_-]{20,}");

  @TempDir Path dir;

  @Test
  void noSecretOrTokenAppearsInOutputLogsOrReports() throws Exception {
    var faults = Faults.NONE.withError503Ratio(0.1).withError500Ratio(0.05);
    try (SandboxServer sandbox =
        SandboxServer.start(SandboxSettings.of(Fleet.demo()).withFaults(faults))) {
      new FleetFiles(
              Fleet.demo(), sandbox.baseUrl(), new BucketLimit(20, 20, Duration.ofSeconds(1)), "t")
          .write(dir);
      RotorProcess rotor =
          RotorProcess.in(dir)
              .env("ROTOR_LOG_LEVEL", "DEBUG")
              .env("ROTOR_TEST_LOG", "DEBUG")
              .env("ROTOR_STORE_URL", "jdbc:h2:file:" + dir.resolve("journal"))
              .env("ROTOR_REPORTS_DIR", dir.resolve("reports").toString());
      List<String> secrets = rotor.values("_CLIENT_SECRET", "_PRIVATE_KEY");

      Process run = rotor.start("run", "run", "--config", "rotor.yaml", "--yes", "plan.yaml");
      assertThat(run.waitFor(90, TimeUnit.SECONDS)).isTrue();

      String everything = everythingWritten();
      assertThat(secrets).hasSize(3);
      assertThat(everything).contains("Run ").contains("report.json").contains("DEBUG");
      for (String secret : secrets) {
        assertThat(everything).doesNotContain(secret);
      }
      assertThat(SANDBOX_TOKEN.matcher(everything).find()).as("a token in the output").isFalse();
    }
  }

  private String everythingWritten() throws IOException {
    StringBuilder all = new StringBuilder();
    all.append(Files.readString(dir.resolve("run.out")));
    all.append(Files.readString(dir.resolve("run.err")));
    try (Stream<Path> files = Files.walk(dir.resolve("reports"))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        all.append(
            new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1));
      }
    }
    return all.toString();
  }
}
