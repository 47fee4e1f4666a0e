package dev.rotor.config;

/**
 * Holds the version date sent in the versioned {@code Accept} header of each Atlas endpoint Rotor
 * calls, as in {@code application/vnd.atlas.2023-11-15+json}.
 */
public record ApiVersions(
    String revokeJwks,
    String listIdentityProviders,
    String getIdentityProvider,
    String listConnectedOrgConfigs,
    String getOrgFederationSettings,
    String listOrgEvents,
    String listRateLimits) {

  /** Returns the versions the Atlas specification lists for each endpoint. */
  public static ApiVersions defaults() {
    return new ApiVersions(
        "2023-11-15",
        "2023-01-01",
        "2023-11-15",
        "2023-01-01",
        "2023-01-01",
        "2023-01-01",
        "2025-03-12");
  }
}
