package dev.rotor.report;

import dev.rotor.config.ReportSettings;
import dev.rotor.config.RotorConfig;
import dev.rotor.config.StoreSettings;
import dev.rotor.journal.Journal;
import dev.rotor.journal.Outcome;
import dev.rotor.journal.RunRecord;
import dev.rotor.journal.RunState;
import dev.rotor.journal.TargetRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds journaled runs that read like real ones, with the awkward values Atlas may send: markup
 * and formulas in display names and details, duplicates, unknown and in-flight outcomes.
 */
final class ReportFixture {
  static final Instant T0 = Instant.parse("2026-12-03T18:15:00.123Z");
  static final String PLAN = "quarterly-rotation";

  private ReportFixture() {}

  static Journal journal(Path dir) {
    return Journal.open(
        new StoreSettings("jdbc:h2:file:" + dir.toAbsolutePath().resolve("j"), "rotor", null, 4));
  }

  static RotorConfig config(Path dir) {
    return RotorConfig.defaults()
        .withReports(
            ReportSettings.defaults()
                .withDir(dir.resolve("reports"))
                .withKeysDir(dir.resolve("keys")));
  }

  static RunRecord run(String runId, Instant startedAt) {
    return RunRecord.started(
        runId,
        PLAN,
        "ab".repeat(32),
        "plans/quarterly-rotation.yaml",
        "0.1.0",
        "ops@bastion-1",
        "Q4 rotation, ticket SEC-1234",
        startedAt,
        false,
        "node-a");
  }

  static String org(int n) {
    return String.format("%024x", n);
  }

  /**
   * Journals a finished run with six hand-written targets (every awkward case) and {@code extra}
   * revoked ones spread over two minutes.
   */
  static RunRecord awkwardRun(Journal journal, String runId, Instant start, int extra) {
    RunRecord run = run(runId, start);
    journal.createRun(run);
    List<TargetRecord> targets = new ArrayList<>();
    targets.add(pending(1, "acme", "idp-1", "Okta <b>prod</b> & \"co\"", org(1), org(2)));
    targets.add(pending(2, "acme", "idp-2", "=HYPERLINK(\"x\")", org(3)));
    targets.add(pending(3, "globex", "idp-3", "Azure, AD\nsecond line", org(4)));
    targets.add(pending(4, "globex", "idp-1", "Okta duplicate", org(1), org(2)));
    targets.add(pending(5, "initech", "idp-5", "+cmd|' /C calc'!A0", org(5)));
    targets.add(pending(6, "initech", "idp-6", "@SUM(A1)", org(6)));
    for (int i = 0; i < extra; i++) {
      targets.add(pending(7 + i, "tenant-" + (i % 4), "idp-x" + i, "IdP " + i, org(100 + i)));
    }
    journal.addTargets(runId, targets);
    settle(journal, runId, start, extra);
    journal.finishRun(runId, RunState.COMPLETED_WITH_FAILURES, start.plusSeconds(300), null);
    return journal.findRun(runId).orElseThrow();
  }

  private static void settle(Journal journal, String runId, Instant start, int extra) {
    Instant t = start.plusSeconds(1);
    journal.markInFlight(runId, 1, t);
    journal.recordOutcome(runId, 1, Outcome.revoked(200, "evt-1", t.plusMillis(120), 120));
    journal.markInFlight(runId, 2, t);
    journal.recordOutcome(
        runId,
        2,
        Outcome.failed(403, "-ATLAS_FORBIDDEN", "=cmd|' /C calc'!A0 <i>", t.plusMillis(80), 80L));
    journal.markInFlight(runId, 3, t);
    journal.recordOutcome(
        runId, 3, Outcome.unknown("\tresponse timeout", t.plusSeconds(30), 30_000L));
    journal.recordSkipped(runId, 4, "duplicate of seq 1", t);
    journal.markInFlight(runId, 5, t);
    for (int i = 0; i < extra; i++) {
      Instant at = start.plus(Duration.ofMillis(2_000L + 120_000L * i / Math.max(extra, 1)));
      journal.markInFlight(runId, 7 + i, at);
      journal.recordOutcome(runId, 7 + i, Outcome.revoked(200, "evt-x" + i, at, 40 + i % 900));
    }
  }

  private static TargetRecord pending(
      int seq, String tenant, String idp, String name, String... orgs) {
    TargetRecord target =
        TargetRecord.pending(seq, tenant, "fed-" + tenant, idp, name, "WORKFORCE", List.of(orgs));
    return seq == 4 ? target.withDuplicate("1", "also selected by tenant acme") : target;
  }

  /** Journals a small finished run where every target was revoked. */
  static RunRecord cleanRun(Journal journal, String runId, Instant start) {
    journal.createRun(run(runId, start));
    journal.addTargets(
        runId,
        List.of(
            TargetRecord.pending(
                1, "acme", "fed-acme", "idp-1", "Okta", "WORKFORCE", List.of(org(1))),
            TargetRecord.pending(
                2, "globex", "fed-globex", "idp-3", "Azure", "WORKLOAD", List.of(org(4)))));
    for (int seq = 1; seq <= 2; seq++) {
      journal.markInFlight(runId, seq, start.plusSeconds(seq));
      journal.recordOutcome(
          runId, seq, Outcome.revoked(200, "evt-" + seq, start.plusSeconds(seq + 1), 90));
    }
    journal.finishRun(runId, RunState.COMPLETED, start.plusSeconds(10), null);
    return journal.findRun(runId).orElseThrow();
  }
}
