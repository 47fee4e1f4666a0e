package dev.rotor.report;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Tells when one identity provider of a plan was last revoked, by which run, and whether that is
 * overdue against the plan's schedule.
 *
 * @param lastRevokedAt when Atlas last confirmed a revocation, by any run of any plan; null if
 *     never
 * @param runId the run that did it
 * @param interval the time between two consecutive fire times of the plan's schedule after the last
 *     revocation; null when the plan has no schedule (or no longer exists)
 */
public record HistoryRow(
    String planName,
    String tenant,
    String federationSettingsId,
    String identityProviderId,
    @Nullable String displayName,
    @Nullable Instant lastRevokedAt,
    @Nullable String runId,
    @Nullable Duration interval,
    Status status) {

  /** Where an identity provider stands against its plan's schedule. */
  public enum Status {
    /** Revoked within the schedule's interval. */
    OK,
    /** The last revocation is older than the schedule's interval. */
    OVERDUE,
    /** Never revoked successfully. */
    NEVER_REVOKED,
    /** Revoked, but its plan has no schedule to be overdue against. */
    UNSCHEDULED
  }
}
