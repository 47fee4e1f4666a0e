package dev.rotor.atlas;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Tells which federation an organization belongs to.
 *
 * @param id the federationSettingsId
 * @param identityProviderId the legacy 20-hex id of the organization's login IdP, when set
 */
public record OrgFederationSettings(
    String id,
    List<String> federatedDomains,
    boolean hasRoleMappings,
    @Nullable String identityProviderId,
    @Nullable String identityProviderStatus) {

  /** Replaces an absent list with an empty one. */
  public OrgFederationSettings {
    federatedDomains = Lists.orEmpty(federatedDomains);
  }
}
