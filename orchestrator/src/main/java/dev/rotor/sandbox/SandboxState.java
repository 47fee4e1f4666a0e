package dev.rotor.sandbox;

import dev.rotor.sandbox.Fleet.ConnectedOrgConfig;
import dev.rotor.sandbox.Fleet.Federation;
import dev.rotor.sandbox.Fleet.IdentityProvider;
import dev.rotor.sandbox.Fleet.Organization;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Indexes the fleet and keeps what changes: the applied revocations and the organization events
 * they wrote. An event holds only its id, its organization and a reference to the shared
 * revocation, so 100,000 revocations cost a few megabytes.
 */
final class SandboxState {

  private final Fleet fleet;
  private final Clock clock;
  private final Map<String, Organization> organizations = new HashMap<>();
  private final Map<String, Federation> federations = new HashMap<>();
  private final Map<String, Federation> federationByOrg = new HashMap<>();
  private final Map<String, IdentityProvider> identityProviders = new HashMap<>();
  private final List<Revocation> revocations = new ArrayList<>();
  private final Map<String, List<OrgEvent>> events = new ConcurrentHashMap<>();
  private final AtomicLong eventCounter = new AtomicLong();

  /** Holds one {@code IDENTITY_PROVIDER_JWKS_REVOKED} event of one organization. */
  record OrgEvent(String id, String orgId, Revocation revocation) {}

  SandboxState(Fleet fleet, Clock clock) {
    this.fleet = fleet;
    this.clock = clock;
    fleet.organizations().forEach(o -> organizations.put(o.id(), o));
    fleet.federations().forEach(this::index);
  }

  Fleet fleet() {
    return fleet;
  }

  @Nullable Organization organization(String orgId) {
    return organizations.get(orgId);
  }

  @Nullable Federation federation(String federationSettingsId) {
    return federations.get(federationSettingsId);
  }

  // Limitation: in Atlas an organization joins one federation; a sandbox fleet may connect it to
  // several (generated tenants own several federations), and this returns the first.
  @Nullable Federation federationOfOrg(String orgId) {
    return federationByOrg.get(orgId);
  }

  /** Returns the identity provider if it belongs to the federation. */
  @Nullable IdentityProvider identityProvider(Federation federation, String idpId) {
    IdentityProvider idp = identityProviders.get(idpId);
    return idp != null && federation.identityProviders().contains(idp) ? idp : null;
  }

  /** Applies a revocation: records it and writes one event per connected organization. */
  Revocation revoke(Federation federation, IdentityProvider idp, Caller caller) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    List<String> eventIds = new ArrayList<>(federation.connectedOrgConfigs().size());
    federation.connectedOrgConfigs().forEach(c -> eventIds.add(nextEventId(now)));
    Revocation revocation =
        new Revocation(federation.id(), idp.id(), now, List.copyOf(eventIds), caller.clientId());
    synchronized (revocations) {
      revocations.add(revocation);
    }
    appendEvents(federation, revocation);
    return revocation;
  }

  List<Revocation> revocations() {
    synchronized (revocations) {
      return List.copyOf(revocations);
    }
  }

  /** Returns the organization's events, oldest first. */
  List<OrgEvent> events(String orgId) {
    List<OrgEvent> orgEvents = events.get(orgId);
    if (orgEvents == null) {
      return List.of();
    }
    synchronized (orgEvents) {
      return List.copyOf(orgEvents);
    }
  }

  private void appendEvents(Federation federation, Revocation revocation) {
    List<ConnectedOrgConfig> configs = federation.connectedOrgConfigs();
    for (int i = 0; i < configs.size(); i++) {
      String orgId = configs.get(i).orgId();
      List<OrgEvent> orgEvents = events.computeIfAbsent(orgId, o -> new ArrayList<>());
      synchronized (orgEvents) {
        orgEvents.add(new OrgEvent(revocation.eventIds().get(i), orgId, revocation));
      }
    }
  }

  private String nextEventId(Instant now) {
    return String.format("%08x%016x", now.getEpochSecond(), eventCounter.incrementAndGet());
  }

  private void index(Federation federation) {
    federations.put(federation.id(), federation);
    federation
        .connectedOrgConfigs()
        .forEach(c -> federationByOrg.putIfAbsent(c.orgId(), federation));
    federation.identityProviders().forEach(idp -> identityProviders.put(idp.id(), idp));
  }
}
