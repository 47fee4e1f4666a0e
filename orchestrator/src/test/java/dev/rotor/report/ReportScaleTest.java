package dev.rotor.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotor.config.RotorConfig;
import dev.rotor.journal.Journal;
import dev.rotor.journal.Outcome;
import dev.rotor.journal.RunState;
import dev.rotor.journal.TargetRecord;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Measures a 100,000-target report and writes an example run for screenshots. Both are slow and
 * write outside a temporary folder, so they run only on demand: {@code -Drotor.report.scale=DIR}.
 */
@EnabledIfSystemProperty(named = "rotor.report.scale", matches = ".+")
class ReportScaleTest {
  private static final Path DIR = Path.of(System.getProperty("rotor.report.scale", "target/scale"));

  @Test
  void aHundredThousandTargetRunIsReportedInSeconds() throws Exception {
    Path dir = DIR.resolve("big");
    try (Journal journal = ReportFixture.journal(dir)) {
      journalBigRun(journal, "big-run", 100_000);
      RotorConfig config = ReportFixture.config(dir);
      ReportWriter.writeAll(journal, "big-run", config);
      ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
      System.gc();

      long started = System.nanoTime();
      Path written = ReportWriter.writeAll(journal, "big-run", config);
      long ms = (System.nanoTime() - started) / 1_000_000;

      long peak = peakHeap();
      System.out.printf(
          "100k targets: report written in %d ms, peak heap %d MB, max heap %d MB, html %d MB%n",
          ms,
          peak >> 20,
          Runtime.getRuntime().maxMemory() >> 20,
          Files.size(written.resolve("report.html")) >> 20);
      assertThat(
              ReportVerifier.verifyRun(
                      written, ReportKeys.publicKey(ReportKeys.defaultPublicKey(config.reports())))
                  .ok())
          .isTrue();
    }
  }

  private static long peakHeap() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }

  private static void journalBigRun(Journal journal, String runId, int count) {
    Instant start = ReportFixture.T0;
    journal.createRun(ReportFixture.run(runId, start));
    List<TargetRecord> targets = new ArrayList<>(count);
    for (int seq = 1; seq <= count; seq++) {
      targets.add(
          TargetRecord.pending(
              seq,
              "tenant-" + (seq % 40),
              "fed-" + (seq % 500),
              "idp-" + seq,
              "IdP <" + seq + ">",
              "WORKFORCE",
              List.of(ReportFixture.org(seq), ReportFixture.org(seq % 1000 + 5_000_000))));
    }
    journal.addTargets(runId, targets);
    for (int seq = 1; seq <= count; seq++) {
      Instant at = start.plusMillis(seq * 36L);
      Outcome outcome =
          seq % 97 == 0
              ? Outcome.failed(500, "UNEXPECTED_ERROR", "Atlas said no", at, 900L)
              : seq % 401 == 0
                  ? Outcome.unknown("response timeout", at, 30_000L)
                  : Outcome.revoked(204, "evt-" + seq, at, 40 + seq % 700);
      journal.recordOutcome(runId, seq, outcome);
    }
    journal.finishRun(runId, RunState.COMPLETED_WITH_FAILURES, start.plusSeconds(3_700), null);
  }

  @Test
  void anExampleRunForTheScreenshot() {
    Path dir = DIR.resolve("example");
    try (Journal journal = ReportFixture.journal(dir)) {
      ReportFixture.awkwardRun(journal, "20261203T181500Z-example", ReportFixture.T0, 240);
      Path written =
          ReportWriter.writeAll(journal, "20261203T181500Z-example", ReportFixture.config(dir));
      System.out.println("example report: " + written.toAbsolutePath());
    }
  }
}
