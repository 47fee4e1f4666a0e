package dev.rotor.engine;

import dev.rotor.journal.RunState;
import dev.rotor.journal.TargetState;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How a run ended, as the journal recorded it.
 *
 * @param stopReason why the run stopped early, or null when it ran out of targets
 */
public record RunResult(
    String runId, RunState state, Map<TargetState, Long> counts, @Nullable StopReason stopReason) {

  public RunResult {
    counts = Map.copyOf(counts);
  }

  /** Returns how many targets ended in {@code state}. */
  public long count(TargetState state) {
    return counts.getOrDefault(state, 0L);
  }
}
