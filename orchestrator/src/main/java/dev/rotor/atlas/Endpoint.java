package dev.rotor.atlas;

import dev.rotor.config.ApiVersions;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** Names each Atlas endpoint Rotor calls, for metrics and the versioned {@code Accept} header. */
enum Endpoint {
  REVOKE_JWKS("revokeJwks", ApiVersions::revokeJwks),
  LIST_IDENTITY_PROVIDERS("listIdentityProviders", ApiVersions::listIdentityProviders),
  GET_IDENTITY_PROVIDER("getIdentityProvider", ApiVersions::getIdentityProvider),
  LIST_CONNECTED_ORG_CONFIGS("listConnectedOrgConfigs", ApiVersions::listConnectedOrgConfigs),
  GET_ORG_FEDERATION_SETTINGS("getOrgFederationSettings", ApiVersions::getOrgFederationSettings),
  LIST_ORG_EVENTS("listOrgEvents", ApiVersions::listOrgEvents),
  LIST_RATE_LIMITS("listRateLimits", ApiVersions::listRateLimits),
  OAUTH_TOKEN("oauthToken", null),
  OAUTH_REVOKE("oauthRevoke", null);

  private final String metricName;
  private final @Nullable Function<ApiVersions, String> version;

  Endpoint(String metricName, @Nullable Function<ApiVersions, String> version) {
    this.metricName = metricName;
    this.version = version;
  }

  /** Returns the name used in the {@code endpoint} metric tag and in logs. */
  String metricName() {
    return metricName;
  }

  /** Returns the {@code Accept} header: versioned for the Admin API, plain JSON for OAuth. */
  String accept(ApiVersions versions) {
    return version == null
        ? "application/json"
        : "application/vnd.atlas." + version.apply(versions) + "+json";
  }
}
