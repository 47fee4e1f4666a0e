package dev.rotor.config;

/** Holds the limits a tenant gets when its plan entry does not set them. */
public record TenantDefaults(RateLimit rateLimit, int concurrency) {

  /** Returns conservative limits, below the Atlas buckets documented for organizations. */
  public static TenantDefaults defaults() {
    return new TenantDefaults(new RateLimit(10, 5, java.time.Duration.ofSeconds(60)), 4);
  }
}
