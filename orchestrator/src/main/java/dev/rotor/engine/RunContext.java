package dev.rotor.engine;

import dev.rotor.config.CredentialSpec;
import dev.rotor.journal.TargetState;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * What every revocation of one run shares: its id, its credentials by tenant, its deadline, the
 * control that stops it, its progress, and the guard on its failure ratio.
 */
final class RunContext {
  private final String runId;
  private final boolean dryRun;
  private final Map<String, CredentialSpec> credentials;
  private final Instant deadline;
  private final RunControl control;
  private final Progress progress;
  private final FailureGuard failures;
  private final Clock clock;

  RunContext(
      String runId,
      boolean dryRun,
      Map<String, CredentialSpec> credentials,
      Instant deadline,
      RunControl control,
      Progress progress,
      double maxFailureRatio,
      Clock clock) {
    this.runId = runId;
    this.dryRun = dryRun;
    this.credentials = Map.copyOf(credentials);
    this.deadline = deadline;
    this.control = control;
    this.progress = progress;
    this.failures = new FailureGuard(maxFailureRatio);
    this.clock = clock;
  }

  String runId() {
    return runId;
  }

  boolean dryRun() {
    return dryRun;
  }

  CredentialSpec credential(String tenant) {
    return credentials.get(tenant);
  }

  RunControl control() {
    return control;
  }

  /** Returns whether {@code time} is before the end of the run's window. */
  boolean before(Instant time) {
    return time.isBefore(deadline);
  }

  /** Returns whether no new revocation may start: the run was stopped or its window closed. */
  boolean shouldStop() {
    if (!control.stopped() && !before(clock.instant())) {
      control.stop(
          new StopReason(StopReason.Kind.WINDOW_CLOSED, "the window closed at " + deadline));
    }
    return control.stopped();
  }

  /** Counts a durable outcome, and stops the run when failures pass the plan's maximum ratio. */
  void count(TargetState state) {
    progress.count(state);
    boolean failure = state == TargetState.FAILED || state == TargetState.UNKNOWN;
    boolean success = state == TargetState.REVOKED || state == TargetState.DRY_RUN;
    if ((failure || success) && failures.record(failure)) {
      control.stop(new StopReason(StopReason.Kind.FAILURE_RATIO, failures.describe()));
    }
  }
}
