package dev.rotor.journal;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Describes one identity provider of a run: what it is, which organizations its revocation logs
 * out, where it stands, and what the attempts on it gave.
 *
 * <p>{@code seq} numbers the targets of a run from 0 or 1 up; the pair run id and {@code seq} is
 * the key. Organization ids are 24-hex strings and are stored joined by commas.
 */
public record TargetRecord(
    int seq,
    String tenant,
    String federationSettingsId,
    String identityProviderId,
    @Nullable String displayName,
    @Nullable String idpType,
    List<String> organizationIds,
    TargetState state,
    @Nullable String reason,
    int attempts,
    @Nullable Integer httpStatus,
    @Nullable String errorCode,
    @Nullable String detail,
    @Nullable Instant firstAttemptAt,
    @Nullable Instant attemptStartedAt,
    @Nullable Instant completedAt,
    @Nullable String evidence,
    @Nullable String duplicateOf,
    @Nullable String note,
    @Nullable Long latencyMs) {

  /** Checks the required fields and copies the organization ids. */
  public TargetRecord {
    requireNonNull(tenant, "tenant");
    requireNonNull(federationSettingsId, "federationSettingsId");
    requireNonNull(identityProviderId, "identityProviderId");
    requireNonNull(state, "state");
    organizationIds = List.copyOf(organizationIds);
    for (String orgId : organizationIds) {
      if (orgId.isEmpty() || orgId.indexOf(',') >= 0) {
        throw new IllegalArgumentException("Bad organization id [" + orgId + "] in target " + seq);
      }
    }
  }

  /** Returns a planned target, {@link TargetState#PENDING}, with no attempt yet. */
  public static TargetRecord pending(
      int seq,
      String tenant,
      String federationSettingsId,
      String identityProviderId,
      @Nullable String displayName,
      @Nullable String idpType,
      List<String> organizationIds) {
    return new TargetRecord(
        seq,
        tenant,
        federationSettingsId,
        identityProviderId,
        displayName,
        idpType,
        organizationIds,
        TargetState.PENDING,
        null,
        0,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  /**
   * Returns a copy that is {@link TargetState#SKIPPED} for {@code why}, completed at {@code at}.
   */
  public TargetRecord skipped(String why, Instant at) {
    return new TargetRecord(
        seq,
        tenant,
        federationSettingsId,
        identityProviderId,
        displayName,
        idpType,
        organizationIds,
        TargetState.SKIPPED,
        why,
        attempts,
        httpStatus,
        errorCode,
        detail,
        firstAttemptAt,
        attemptStartedAt,
        at,
        evidence,
        duplicateOf,
        note,
        latencyMs);
  }

  /**
   * Returns a copy that names the target it duplicates (or {@code null}) and a note such as "also
   * reached by tenant X".
   */
  public TargetRecord withDuplicate(@Nullable String duplicateOf, @Nullable String note) {
    return new TargetRecord(
        seq,
        tenant,
        federationSettingsId,
        identityProviderId,
        displayName,
        idpType,
        organizationIds,
        state,
        reason,
        attempts,
        httpStatus,
        errorCode,
        detail,
        firstAttemptAt,
        attemptStartedAt,
        completedAt,
        evidence,
        duplicateOf,
        note,
        latencyMs);
  }
}
