package dev.rotor.engine;

import static java.util.Objects.requireNonNull;

import dev.rotor.plan.Plan;

/**
 * Asks the engine to continue a run from the journal: pending targets run, in-flight ones are
 * settled from Atlas's events first and never re-sent by themselves.
 *
 * @param plan the run's plan, read again for its tenants' credentials and limits
 * @param retryFailed send the failed revocations again, on the operator's decision
 * @param retryUnknown send the revocations of unknown outcome again, on the operator's decision
 */
public record ResumeRequest(String runId, Plan plan, boolean retryFailed, boolean retryUnknown) {

  public ResumeRequest {
    requireNonNull(runId, "runId");
    requireNonNull(plan, "plan");
  }
}
