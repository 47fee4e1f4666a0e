package dev.rotor.engine;

import static java.util.Objects.requireNonNull;

import dev.rotor.plan.Plan;
import org.jspecify.annotations.Nullable;

/**
 * Asks the engine to run a plan now.
 *
 * @param dryRun do everything but revoke: resolve, journal, report; no DELETE is sent
 * @param force revoke identity providers within their cooldown too
 * @param startedBy who asked, as {@code user@host} or {@code scheduler@node}
 * @param reason why, for the report; null when none was given
 */
public record RunRequest(
    Plan plan, boolean dryRun, boolean force, String startedBy, @Nullable String reason) {

  public RunRequest {
    requireNonNull(plan, "plan");
    requireNonNull(startedBy, "startedBy");
  }
}
