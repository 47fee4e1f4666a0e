package dev.rotor.plan;

import dev.rotor.config.RateLimit;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One customer of the platform team: the credential Rotor acts with, how fast it may call Atlas,
 * and the federations whose identity providers it rotates.
 *
 * @param rateLimit null means the configured default
 * @param concurrency null means the configured default
 */
public record Tenant(
    String name,
    String credential,
    @Nullable RateLimit rateLimit,
    @Nullable Integer concurrency,
    List<Federation> federations) {

  public Tenant {
    federations = List.copyOf(federations);
  }
}
