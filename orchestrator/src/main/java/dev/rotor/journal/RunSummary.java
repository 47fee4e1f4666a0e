package dev.rotor.journal;

import java.util.Map;

/** Pairs a run with how many of its targets are in each state (every state present, maybe 0). */
public record RunSummary(RunRecord run, Map<TargetState, Long> counts) {

  /** Copies the counts. */
  public RunSummary {
    counts = Map.copyOf(counts);
  }

  /** Returns how many targets the run has in all. */
  public long total() {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }
}
