package dev.rotor.sandbox;

import dev.rotor.sandbox.AtlasApi.Endpoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Names the two endpoint sets the sandbox limits per organization, the revoke call and the reads,
 * and renders them as {@code GET /rateLimits} does.
 */
final class RateLimitSets {

  static final String REVOKE_SET = "federatedAuthenticationJwksRevoke_org";
  static final String READ_SET = "federatedAuthenticationRead_org";

  private RateLimitSets() {}

  static String setIdOf(Endpoint endpoint) {
    return endpoint == Endpoint.REVOKE_JWKS ? REVOKE_SET : READ_SET;
  }

  /** Returns both endpoint sets as {@code RateLimitEndpointSetResponse} objects. */
  static List<Map<String, Object>> render(BucketLimit revoke, BucketLimit read) {
    return List.of(
        set(REVOKE_SET, "Federated Authentication JWKS Revoke", revoke, true),
        set(READ_SET, "Federated Authentication Read", read, false));
  }

  private static Map<String, Object> set(
      String id, String name, BucketLimit limit, boolean revoke) {
    Map<String, Object> set = new LinkedHashMap<>();
    set.put("capacity", Map.of("value", limit.capacity()));
    set.put("endpointSetId", id);
    set.put("endpointSetName", name);
    set.put("endpoints", endpoints(revoke));
    set.put("refillDurationSeconds", Map.of("value", limit.period().toSeconds()));
    set.put("refillRate", Map.of("value", limit.refill()));
    set.put("scope", "ORGANIZATION");
    return set;
  }

  private static List<Map<String, String>> endpoints(boolean revoke) {
    List<Map<String, String>> endpoints = new ArrayList<>();
    for (Endpoint endpoint : Endpoint.values()) {
      if ((endpoint == Endpoint.REVOKE_JWKS) == revoke) {
        endpoints.add(Map.of("method", endpoint.method, "path", pathOf(endpoint)));
      }
    }
    return endpoints;
  }

  private static String pathOf(Endpoint endpoint) {
    String path = endpoint.template;
    String first = path.contains("/orgs/") ? "{orgId}" : "{federationSettingsId}";
    path = path.replaceFirst("\\{}", java.util.regex.Matcher.quoteReplacement(first));
    return path.replaceFirst(
        "\\{}", java.util.regex.Matcher.quoteReplacement("{identityProviderId}"));
  }
}
