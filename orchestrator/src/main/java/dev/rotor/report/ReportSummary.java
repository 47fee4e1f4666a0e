package dev.rotor.report;

import static java.util.Objects.requireNonNull;

import dev.rotor.journal.RunRecord;
import dev.rotor.journal.TargetState;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import org.jspecify.annotations.Nullable;

/**
 * Holds the aggregates of a run report, computed in one streaming pass over its targets before the
 * entries are written: counts, blast radius and the data behind the charts.
 *
 * @param tenant the only tenant reported on, or null for the whole run
 * @param counts how many targets reached each outcome; every outcome is present
 * @param countsByTenant the same per tenant, in name order
 * @param loggedOut the organizations of revoked targets, logged out for sure
 * @param possiblyLoggedOut the organizations of targets whose outcome is unknown or in flight,
 *     minus those logged out for sure
 * @param revokedPerSecond how many revocations completed in each epoch second
 * @param latencyBuckets how many attempts fell into each of {@link #LATENCY_BOUNDS_MS}, the last
 *     bucket holding everything slower
 */
record ReportSummary(
    RunRecord run,
    @Nullable String tenant,
    Map<TargetState, Long> counts,
    Map<String, Map<TargetState, Long>> countsByTenant,
    SortedSet<String> loggedOut,
    SortedSet<String> possiblyLoggedOut,
    SortedMap<Long, Long> revokedPerSecond,
    long[] latencyBuckets) {

  /** The upper bounds, in milliseconds, of the latency buckets but the last. */
  static final List<Long> LATENCY_BOUNDS_MS =
      List.of(50L, 100L, 250L, 500L, 1_000L, 2_500L, 10_000L);

  ReportSummary {
    requireNonNull(run, "run");
  }

  /** Returns how many targets the report covers. */
  long total() {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Returns how many targets reached {@code state}. */
  long count(TargetState state) {
    return counts.getOrDefault(state, 0L);
  }
}
