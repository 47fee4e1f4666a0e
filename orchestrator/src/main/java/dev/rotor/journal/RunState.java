package dev.rotor.journal;

/** Tells where a run stands; a run whose process crashed stays {@link #RUNNING} until resumed. */
public enum RunState {
  /** Started and not finished: either working now or crashed (see its heartbeat). */
  RUNNING,
  /** Every target reached a final state without failure. */
  COMPLETED,
  /** Every target reached a final state, at least one of them {@code FAILED} or {@code UNKNOWN}. */
  COMPLETED_WITH_FAILURES,
  /** Stopped on purpose before the end, with an abort reason. */
  ABORTED,
  /** Stopped by a shutdown before the end; it can be claimed and resumed. */
  INTERRUPTED;

  /** Returns whether the run has ended, for good or for now. */
  public boolean isFinished() {
    return this != RUNNING;
  }
}
