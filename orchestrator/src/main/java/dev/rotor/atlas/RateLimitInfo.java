package dev.rotor.atlas;

import dev.rotor.config.RateLimit;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A rate limit Atlas applies to a set of endpoints, as {@code GET /rateLimits} reports it.
 *
 * @param endpointSetId the id of the endpoint set, such as {@code rateLimitsInspection_group}
 * @param scope what the bucket is counted per: organization, project, user or IP
 * @param capacity the requests allowed at once
 * @param refillRate the requests added back per refill period
 * @param refillDurationSeconds the refill period
 * @param endpoints the method and path of each endpoint in the set
 */
public record RateLimitInfo(
    String endpointSetId,
    @Nullable String endpointSetName,
    @Nullable String scope,
    long capacity,
    long refillRate,
    long refillDurationSeconds,
    List<Endpoint> endpoints) {

  /** Replaces an absent list with an empty one. */
  public RateLimitInfo {
    endpoints = Lists.orEmpty(endpoints);
  }

  /** Returns whether the set covers {@code method} on {@code path} (a path template). */
  public boolean covers(String method, String path) {
    return endpoints.stream()
        .anyMatch(e -> method.equalsIgnoreCase(e.method()) && path.equals(e.path()));
  }

  /** Returns this limit as a token bucket. */
  public RateLimit toRateLimit() {
    return new RateLimit(capacity, refillRate, Duration.ofSeconds(refillDurationSeconds));
  }

  /** An endpoint of the set. */
  public record Endpoint(@Nullable String method, @Nullable String path) {}
}
