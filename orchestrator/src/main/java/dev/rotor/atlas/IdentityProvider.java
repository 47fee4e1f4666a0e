package dev.rotor.atlas;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An identity provider of a federation, as Atlas lists it. Only the fields Rotor reads are kept;
 * unknown protocol or type values read as null.
 *
 * @param id the 24-hex id that the revoke call takes
 * @param oktaIdpId the legacy 20-hex id, null for OIDC IdPs
 * @param associatedOrgs the organizations connected to this IdP, when Atlas includes them
 */
public record IdentityProvider(
    String id,
    @Nullable String oktaIdpId,
    @Nullable Protocol protocol,
    @Nullable IdpType idpType,
    @Nullable String displayName,
    @Nullable String description,
    @Nullable String issuerUri,
    @Nullable String audience,
    @Nullable String clientId,
    @Nullable String authorizationType,
    @Nullable String status,
    List<String> associatedDomains,
    List<ConnectedOrgConfig> associatedOrgs,
    @Nullable Instant createdAt,
    @Nullable Instant updatedAt) {

  /** Replaces absent lists with empty ones. */
  public IdentityProvider {
    associatedDomains = Lists.orEmpty(associatedDomains);
    associatedOrgs = Lists.orEmpty(associatedOrgs);
  }
}
