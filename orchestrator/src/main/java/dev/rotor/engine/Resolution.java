package dev.rotor.engine;

import dev.rotor.journal.TargetRecord;
import dev.rotor.journal.TargetState;
import java.time.Duration;
import java.util.List;

/**
 * A plan resolved against Atlas: every target in plan order, each either pending revocation or
 * skipped with its reason, and what was learnt along the way.
 *
 * @param readLatency the median latency of the discovery calls, used by the duration estimate
 */
public record Resolution(List<TargetRecord> targets, Duration readLatency) {

  public Resolution {
    targets = List.copyOf(targets);
  }

  /** Returns the targets that are to be revoked. */
  public List<TargetRecord> pending() {
    return targets.stream().filter(t -> t.state() == TargetState.PENDING).toList();
  }

  /** Returns the number of targets that are to be revoked. */
  public long pendingCount() {
    return targets.stream().filter(t -> t.state() == TargetState.PENDING).count();
  }
}
