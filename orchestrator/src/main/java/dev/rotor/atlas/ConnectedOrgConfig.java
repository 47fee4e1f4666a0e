package dev.rotor.atlas;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Connects one organization to a federation; revoking the JWKS of an IdP logs out the users of
 * every organization connected to it.
 *
 * @param orgId the organization's 24-hex id
 * @param identityProviderId the legacy 20-hex id of the IdP used for UI login, when one is set
 * @param dataAccessIdentityProviderIds the 24-hex ids of the IdPs used for data access
 * @param domainAllowList the email domains allowed to sign in
 * @param domainRestrictionEnabled whether only those domains may sign in
 * @param postAuthRoleGrants organization roles granted after sign-in
 */
public record ConnectedOrgConfig(
    String orgId,
    @Nullable String identityProviderId,
    List<String> dataAccessIdentityProviderIds,
    List<String> domainAllowList,
    boolean domainRestrictionEnabled,
    List<String> postAuthRoleGrants) {

  /** Replaces absent lists with empty ones. */
  public ConnectedOrgConfig {
    dataAccessIdentityProviderIds = Lists.orEmpty(dataAccessIdentityProviderIds);
    domainAllowList = Lists.orEmpty(domainAllowList);
    postAuthRoleGrants = Lists.orEmpty(postAuthRoleGrants);
  }
}
