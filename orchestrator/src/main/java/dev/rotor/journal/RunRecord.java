package dev.rotor.journal;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Describes one execution of a plan: what was run, by whom and why, where it stands, and which node
 * owns it in a cluster (with the time of that node's last heartbeat).
 */
public record RunRecord(
    String runId,
    String planName,
    String planSha256,
    String planPath,
    String rotorVersion,
    String startedBy,
    @Nullable String reason,
    Instant startedAt,
    @Nullable Instant finishedAt,
    RunState state,
    @Nullable String abortReason,
    boolean dryRun,
    @Nullable String ownerNode,
    @Nullable Instant heartbeatAt) {

  /** Checks the required fields. */
  public RunRecord {
    requireNonNull(runId, "runId");
    requireNonNull(planName, "planName");
    requireNonNull(planSha256, "planSha256");
    requireNonNull(planPath, "planPath");
    requireNonNull(rotorVersion, "rotorVersion");
    requireNonNull(startedBy, "startedBy");
    requireNonNull(startedAt, "startedAt");
    requireNonNull(state, "state");
  }

  /**
   * Returns a run that {@code ownerNode} starts now: {@link RunState#RUNNING}, its heartbeat at
   * {@code startedAt}.
   */
  public static RunRecord started(
      String runId,
      String planName,
      String planSha256,
      String planPath,
      String rotorVersion,
      String startedBy,
      @Nullable String reason,
      Instant startedAt,
      boolean dryRun,
      String ownerNode) {
    return new RunRecord(
        runId,
        planName,
        planSha256,
        planPath,
        rotorVersion,
        startedBy,
        reason,
        startedAt,
        null,
        RunState.RUNNING,
        null,
        dryRun,
        ownerNode,
        startedAt);
  }
}
