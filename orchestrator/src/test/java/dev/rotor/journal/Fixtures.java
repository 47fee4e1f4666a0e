package dev.rotor.journal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds runs and targets that read like the plans the engine journals. */
final class Fixtures {
  static final Instant T0 = Instant.parse("2026-12-03T18:15:00.123456Z");

  private Fixtures() {}

  static RunRecord run(String runId, Instant startedAt) {
    return RunRecord.started(
        runId,
        "quarterly-rotation",
        "a".repeat(64),
        "/etc/rotor/plans/quarterly.yaml",
        "0.1.0",
        "ops@host-1",
        "scheduled rotation",
        startedAt,
        false,
        "node-a");
  }

  /** Returns {@code count} pending targets, seq 1..count, spread over 7 tenants. */
  static List<TargetRecord> targets(int count) {
    List<TargetRecord> targets = new ArrayList<>(count);
    for (int seq = 1; seq <= count; seq++) {
      targets.add(target(seq, "fed" + (seq % 50), "idp" + seq));
    }
    return targets;
  }

  static TargetRecord target(int seq, String federation, String idp) {
    return TargetRecord.pending(
        seq,
        "tenant-" + (seq % 7),
        federation,
        idp,
        "Okta " + idp,
        "WORKFORCE",
        List.of(orgId(seq), orgId(seq + 1_000_000)));
  }

  static String orgId(int n) {
    return String.format("%024x", n);
  }
}
