package dev.rotor.report;

import dev.rotor.journal.RunRecord;
import dev.rotor.journal.TargetState;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/** Accumulates the aggregates of a report from its entries, one at a time. */
final class SummaryCollector {
  private final RunRecord run;
  private final @Nullable String tenant;
  private final Map<TargetState, Long> counts = zeroCounts();
  private final Map<String, Map<TargetState, Long>> byTenant = new TreeMap<>();
  private final TreeSet<String> loggedOut = new TreeSet<>();
  private final TreeSet<String> possibly = new TreeSet<>();
  private final TreeMap<Long, Long> revokedPerSecond = new TreeMap<>();
  private final long[] latency = new long[ReportSummary.LATENCY_BOUNDS_MS.size() + 1];

  SummaryCollector(RunRecord run, @Nullable String tenant) {
    this.run = run;
    this.tenant = tenant;
  }

  /** Counts {@code entry} in. */
  void add(ReportEntry entry) {
    counts.merge(entry.outcome(), 1L, Long::sum);
    byTenant
        .computeIfAbsent(entry.tenant(), t -> zeroCounts())
        .merge(entry.outcome(), 1L, Long::sum);
    addBlastRadius(entry);
    addTimes(entry);
  }

  private void addBlastRadius(ReportEntry entry) {
    switch (entry.outcome()) {
      case REVOKED -> loggedOut.addAll(entry.organizationIds());
      case UNKNOWN, IN_FLIGHT -> possibly.addAll(entry.organizationIds());
      default -> {}
    }
  }

  private void addTimes(ReportEntry entry) {
    if (entry.outcome() == TargetState.REVOKED && entry.completedAt() != null) {
      revokedPerSecond.merge(entry.completedAt().getEpochSecond(), 1L, Long::sum);
    }
    Long ms = entry.latencyMs();
    if (ms != null) {
      int bucket = 0;
      while (bucket < ReportSummary.LATENCY_BOUNDS_MS.size()
          && ms > ReportSummary.LATENCY_BOUNDS_MS.get(bucket)) {
        bucket++;
      }
      latency[bucket]++;
    }
  }

  /** Returns the aggregates of every entry added. */
  ReportSummary summary() {
    possibly.removeAll(loggedOut);
    return new ReportSummary(
        run, tenant, counts, byTenant, loggedOut, possibly, revokedPerSecond, latency.clone());
  }

  static Map<TargetState, Long> zeroCounts() {
    Map<TargetState, Long> zero = new EnumMap<>(TargetState.class);
    for (TargetState state : TargetState.values()) {
      zero.put(state, 0L);
    }
    return zero;
  }
}
