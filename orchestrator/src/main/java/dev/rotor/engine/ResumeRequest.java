package dev.rotor.engine;

import static java.util.Objects.requireNonNull;

import dev.rotor.plan.Plan;
import java.time.Duration;

/**
 * Asks the engine to continue a run from the journal: pending targets run, in-flight ones are
 * settled from Atlas's events first and never re-sent by themselves.
 *
 * @param plan the run's plan, read again for its tenants' credentials and limits
 * @param retryFailed send the failed revocations again, on the operator's decision
 * @param retryUnknown send the revocations of unknown outcome again, on the operator's decision
 * @param staleAfter how old the owner's heartbeat must be for this node to take the run over; zero
 *     when the owner is known to be dead
 */
public record ResumeRequest(
    String runId, Plan plan, boolean retryFailed, boolean retryUnknown, Duration staleAfter) {

  public ResumeRequest {
    requireNonNull(runId, "runId");
    requireNonNull(plan, "plan");
    requireNonNull(staleAfter, "staleAfter");
  }

  /**
   * Returns a request that takes the run over once its owner's heartbeat is {@link
   * Engine#STALE_AFTER} old.
   */
  public ResumeRequest(String runId, Plan plan, boolean retryFailed, boolean retryUnknown) {
    this(runId, plan, retryFailed, retryUnknown, Engine.STALE_AFTER);
  }
}
