package dev.rotor.journal;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Tells when an identity provider was last revoked, by which run and with what evidence. */
public record Revocation(
    String federationSettingsId,
    String identityProviderId,
    String tenant,
    @Nullable String displayName,
    String runId,
    int seq,
    Instant completedAt,
    @Nullable String evidence) {}
