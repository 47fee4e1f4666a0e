package dev.rotor.plan;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A plan: which identity providers of which tenants to revoke, when, and within what limits.
 *
 * @param source the file the plan was read from
 * @param sha256 the SHA-256 of that file's bytes, in hex, recorded with every run of the plan
 * @param window the longest a run may keep starting revocations
 */
public record Plan(
    String name,
    @Nullable String description,
    @Nullable Schedule schedule,
    Duration window,
    Safety safety,
    List<Tenant> tenants,
    Path source,
    String sha256) {

  public Plan {
    requireNonNull(name, "name");
    requireNonNull(window, "window");
    requireNonNull(safety, "safety");
    tenants = List.copyOf(tenants);
    requireNonNull(source, "source");
    requireNonNull(sha256, "sha256");
  }

  /** Returns the schedule, if the plan is to be fired by the daemon. */
  public Optional<Schedule> scheduled() {
    return Optional.ofNullable(schedule);
  }

  /** Returns the tenant called {@code tenantName}, if the plan has one. */
  public Optional<Tenant> tenant(String tenantName) {
    return tenants.stream().filter(t -> t.name().equals(tenantName)).findFirst();
  }
}
