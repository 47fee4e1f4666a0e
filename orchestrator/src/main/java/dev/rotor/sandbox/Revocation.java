package dev.rotor.sandbox;

import java.time.Instant;
import java.util.List;

/**
 * Records one applied JWKS revocation.
 *
 * @param federationSettingsId the federation of the identity provider
 * @param identityProviderId the 24-hex id of the revoked identity provider
 * @param time when the sandbox applied it, by the sandbox clock
 * @param eventIds the ids of the {@code IDENTITY_PROVIDER_JWKS_REVOKED} events, one per connected
 *     organization, in the order of the federation's connected organizations
 * @param clientId the service account client id or API public key that asked for it
 */
public record Revocation(
    String federationSettingsId,
    String identityProviderId,
    Instant time,
    List<String> eventIds,
    String clientId) {}
