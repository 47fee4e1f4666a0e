package dev.rotor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rotor.config.StoreSettings;
import dev.rotor.journal.Journal;
import dev.rotor.journal.RunSummary;
import dev.rotor.journal.TargetState;
import dev.rotor.report.ReportSchema;
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
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Kills a {@code rotor run} process with SIGKILL in the middle of its run, resumes it with {@code
 * rotor resume}, and checks the sandbox's own record: no identity provider revoked twice, none
 * forgotten, and a report that lists every one of them.
 */
class CrashResumeTest {
  private static final int OIDC_PER_TENANT = 3 * 18;

  @TempDir Path dir;

  private String url() {
    return "jdbc:h2:file:" + dir.resolve("journal") + ";AUTO_SERVER=TRUE";
  }

  private Process rotor(String output, String... args) throws IOException {
    return RotorProcess.in(dir)
        .env("ROTOR_STORE_URL", url())
        .env("ROTOR_REPORTS_DIR", dir.resolve("reports").toString())
        .start(output, args);
  }

  private static Map<String, Long> times(SandboxServer sandbox) {
    return sandbox.revocations().stream()
        .collect(
            Collectors.groupingBy(
                r -> r.federationSettingsId() + "/" + r.identityProviderId(),
                Collectors.counting()));
  }

  private int finish(Process process, String name) throws Exception {
    assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("%s ended", name).isTrue();
    return process.exitValue();
  }

  private RunSummary onlyRun() {
    try (Journal journal = Journal.open(new StoreSettings(url(), "rotor", null, 2))) {
      return journal.listRuns().get(0);
    }
  }

  @Test
  void aRunKilledMidwayIsResumedWithoutRevokingAnythingTwice() throws Exception {
    Fleet fleet = Fleet.generate(2, 3, 20, 11);
    var settings = SandboxSettings.of(fleet).withFaults(Faults.NONE.withLatency(10, 5));
    try (SandboxServer sandbox = SandboxServer.start(settings)) {
      var slow = new BucketLimit(5, 20, Duration.ofSeconds(1));
      new FleetFiles(fleet, sandbox.baseUrl(), slow, "crash test").write(dir);
      int planned = 2 * OIDC_PER_TENANT;

      Process run = rotor("run", "run", "--config", "rotor.yaml", "--yes", "plan.yaml");
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> sandbox.revocations().size() >= planned / 3);
      run.destroyForcibly();
      run.waitFor(10, TimeUnit.SECONDS);
      int revokedAtKill = sandbox.revocations().size();
      String runId = onlyRun().run().runId();

      int resumed = finish(rotor("resume", "resume", "--config", "rotor.yaml", runId), "resume");
      RunSummary afterResume = onlyRun();
      if (afterResume.counts().getOrDefault(TargetState.UNKNOWN, 0L) > 0) {
        finish(
            rotor("retry", "resume", "--config", "rotor.yaml", "--retry-unknown", runId), "retry");
      }

      RunSummary last = onlyRun();
      assertThat(revokedAtKill).isLessThan(planned);
      assertThat(resumed).as(Files.readString(dir.resolve("resume.err"))).isIn(0, 1);
      assertThat(times(sandbox)).hasSize(planned);
      assertThat(times(sandbox).values()).allMatch(n -> n == 1);
      assertThat(last.counts().get(TargetState.REVOKED)).isEqualTo(planned);
      Path reportJson = dir.resolve("reports/sandbox-fleet").resolve(runId).resolve("report.json");
      JsonNode report = JsonMapper.builder().build().readTree(reportJson.toFile());
      assertThat(report.get("targets").size()).isEqualTo(planned);
      ReportSchema.assertValid(reportJson);
    }
  }
}
