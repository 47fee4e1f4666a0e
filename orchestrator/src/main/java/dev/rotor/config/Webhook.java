package dev.rotor.config;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.Set;

/**
 * One webhook the daemon notifies: where, signed with which secret, for which plans, tenants and
 * events. An empty {@code plans} or {@code tenants} set means every plan or tenant.
 */
public record Webhook(
    URI url, Secret secret, Set<String> plans, Set<String> tenants, Set<Event> events) {

  public Webhook {
    requireNonNull(url, "url");
    requireNonNull(secret, "secret");
    plans = Set.copyOf(plans);
    tenants = Set.copyOf(tenants);
    events = Set.copyOf(events);
  }

  /** What a webhook is told about. */
  public enum Event {
    /** A run finished; every target reached a final state. */
    RUN_FINISHED,
    /** A run finished with failed or unknown outcomes. */
    RUN_FAILED,
    /** A run stopped before the end: a guard, the window or a signal. */
    RUN_ABORTED,
    /** An identity provider was not revoked within the interval of its plan's schedule. */
    IDP_OVERDUE
  }

  /**
   * Returns whether this webhook wants {@code event} about {@code plan}, touching {@code tenants}.
   */
  public boolean wants(Event event, String plan, Set<String> touchedTenants) {
    if (!events.contains(event) || !(plans.isEmpty() || plans.contains(plan))) {
      return false;
    }
    return tenants.isEmpty() || touchedTenants.stream().anyMatch(tenants::contains);
  }
}
