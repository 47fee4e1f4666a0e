package dev.rotor.engine;

import dev.rotor.atlas.AtlasClient;
import dev.rotor.atlas.AtlasResult;
import dev.rotor.atlas.ConnectedOrgConfig;
import dev.rotor.atlas.IdentityProvider;
import dev.rotor.atlas.Protocol;
import dev.rotor.config.CredentialSpec;
import dev.rotor.config.RotorConfig;
import dev.rotor.journal.TargetRecord;
import dev.rotor.plan.Federation;
import dev.rotor.plan.IdpType;
import dev.rotor.plan.Plan;
import dev.rotor.plan.Selector;
import dev.rotor.plan.Tenant;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Resolves a plan into targets: lists each federation's identity providers and connected
 * organizations once, matches the plan's selectors and explicit ids against them, and keeps one
 * target per identity provider however many times the plan reaches it. A missing or SAML identity
 * provider, or a federation that cannot be read, becomes a skipped target with its reason.
 */
final class TargetResolver {
  /** The identity provider id of the one target that stands for an unreadable selector. */
  static final String WHOLE_FEDERATION = "*";

  private final AtlasClient atlas;
  private final RotorConfig config;
  private final Function<String, Optional<String>> cooldownCheck;
  private final Map<String, Mono<FederationView>> views = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<Duration> latencies = new ConcurrentLinkedQueue<>();

  /**
   * How many tenants are read at once. Reads draw on each organization's own bucket, not on the
   * revoke bucket, so tenants need not wait for one another; the cap bounds the token requests and
   * connections opened at the start of a run.
   */
  private static final int TENANTS_AT_ONCE = 32;

  /**
   * @param cooldownCheck given {@code fsId/idpId}, returns why the identity provider is within its
   *     cooldown, or empty when it may be revoked
   */
  TargetResolver(
      AtlasClient atlas, RotorConfig config, Function<String, Optional<String>> cooldownCheck) {
    this.atlas = atlas;
    this.config = config;
    this.cooldownCheck = cooldownCheck;
  }

  /** Resolves every tenant's federations, reading each federation at most once. */
  Mono<Resolution> resolve(Plan plan, Instant now) {
    return Flux.fromIterable(plan.tenants())
        .flatMapSequential(this::tenantEntries, TENANTS_AT_ONCE)
        .collectList()
        .map(entries -> new Resolution(number(entries, now), medianLatency()));
  }

  private Flux<Entry> tenantEntries(Tenant tenant) {
    CredentialSpec credential = config.credential(tenant.credential()).orElseThrow();
    int concurrency = Math.max(1, tenant.concurrency() == null ? 2 : tenant.concurrency());
    return Flux.fromIterable(tenant.federations())
        .flatMapSequential(
            federation ->
                view(credential, federation.federationSettingsId())
                    .flatMapIterable(view -> entries(tenant, federation, view)),
            concurrency);
  }

  private Mono<FederationView> view(CredentialSpec credential, String fsId) {
    return views.computeIfAbsent(
        credential.name() + "/" + fsId, key -> read(credential, fsId).cache());
  }

  private Mono<FederationView> read(CredentialSpec credential, String fsId) {
    Mono<AtlasResult<List<IdentityProvider>>> idps =
        atlas.listIdentityProviders(
            credential,
            fsId,
            EnumSet.allOf(Protocol.class),
            EnumSet.allOf(dev.rotor.atlas.IdpType.class));
    Mono<AtlasResult<List<ConnectedOrgConfig>>> orgs =
        atlas.listConnectedOrgConfigs(credential, fsId);
    return Mono.zip(idps, orgs).map(pair -> view(pair.getT1(), pair.getT2()));
  }

  private FederationView view(
      AtlasResult<List<IdentityProvider>> idps, AtlasResult<List<ConnectedOrgConfig>> orgs) {
    latencies.add(idps.meta().elapsed());
    latencies.add(orgs.meta().elapsed());
    if (idps instanceof AtlasResult.Failure<List<IdentityProvider>> failure) {
      return FederationView.unreadable("identity providers", failure);
    }
    if (orgs instanceof AtlasResult.Failure<List<ConnectedOrgConfig>> failure) {
      return FederationView.unreadable("connected organizations", failure);
    }
    var byId = new LinkedHashMap<String, Idp>();
    listOf(idps).forEach(idp -> byId.put(idp.id(), Idp.of(idp)));
    List<String> orgIds = listOf(orgs).stream().map(ConnectedOrgConfig::orgId).distinct().toList();
    return new FederationView(byId, orgIds, null);
  }

  private static <T> List<T> listOf(AtlasResult<List<T>> result) {
    List<T> value = ((AtlasResult.Success<List<T>>) result).value();
    return value == null ? List.of() : value;
  }

  private List<Entry> entries(Tenant tenant, Federation federation, FederationView view) {
    String fsId = federation.federationSettingsId();
    if (view.unreadable() != null) {
      return List.of(unreadable(tenant, federation, view));
    }
    if (federation.selector() != null) {
      return selected(tenant, fsId, federation.selector(), view);
    }
    return federation.identityProviderIds().stream()
        .map(id -> listed(tenant, fsId, id, view))
        .toList();
  }

  private static Entry unreadable(Tenant tenant, Federation federation, FederationView view) {
    String id =
        federation.selector() != null || federation.identityProviderIds().size() != 1
            ? WHOLE_FEDERATION
            : federation.identityProviderIds().get(0);
    String what =
        federation.selector() != null
            ? "(the identity providers the selector matches)"
            : federation.identityProviderIds().size() + " listed identity provider(s)";
    return Entry.skipped(
        tenant,
        federation.federationSettingsId(),
        id,
        what,
        null,
        view.orgIds(),
        view.unreadable());
  }

  private static List<Entry> selected(
      Tenant tenant, String fsId, Selector selector, FederationView view) {
    List<Entry> result = new ArrayList<>();
    for (Idp idp : view.byId().values()) {
      IdpType type = idp.type();
      if (idp.protocol() == Protocol.OIDC
          && type != null
          && selector.matches(type, idp.displayName())) {
        result.add(Entry.pending(tenant, fsId, idp, view.orgIds()));
      }
    }
    return result;
  }

  private static Entry listed(Tenant tenant, String fsId, String id, FederationView view) {
    Idp idp = view.byId().get(id);
    if (idp == null) {
      return Entry.skipped(
          tenant, fsId, id, null, null, view.orgIds(), "not found in federation " + fsId);
    }
    if (idp.protocol() != Protocol.OIDC) {
      String why = "a " + idp.protocol() + " identity provider: JWKS can only be revoked for OIDC";
      return Entry.skipped(tenant, fsId, id, idp.displayName(), typeName(idp), view.orgIds(), why);
    }
    return Entry.pending(tenant, fsId, idp, view.orgIds());
  }

  private static @Nullable IdpType planType(dev.rotor.atlas.@Nullable IdpType type) {
    return type == null ? null : IdpType.valueOf(type.name());
  }

  private static @Nullable String typeName(Idp idp) {
    return idp.type() == null ? null : idp.type().name();
  }

  /**
   * The little of an identity provider that resolution needs. Atlas's answer repeats every
   * connected organization's configuration in each identity provider; keeping it for a fleet of
   * 100,000 would not fit the memory a run is given.
   */
  private record Idp(
      String id,
      @Nullable Protocol protocol,
      @Nullable IdpType type,
      @Nullable String displayName) {

    static Idp of(IdentityProvider idp) {
      return new Idp(idp.id(), idp.protocol(), planType(idp.idpType()), idp.displayName());
    }
  }

  /** Numbers the entries in plan order, folds duplicates into their first and applies cooldowns. */
  private List<TargetRecord> number(List<Entry> entries, Instant now) {
    Map<String, Integer> firstIndex = new LinkedHashMap<>();
    List<TargetRecord> targets = new ArrayList<>();
    for (Entry entry : entries) {
      String key = entry.key();
      Integer first = WHOLE_FEDERATION.equals(entry.idpId()) ? null : firstIndex.get(key);
      if (first != null) {
        targets.set(first, noteDuplicate(targets.get(first), entry));
        continue;
      }
      firstIndex.put(key, targets.size());
      targets.add(entry.toRecord(targets.size() + 1, cooldown(entry), now));
    }
    return targets;
  }

  private @Nullable String cooldown(Entry entry) {
    return entry.skipReason() != null ? null : cooldownCheck.apply(entry.key()).orElse(null);
  }

  private static TargetRecord noteDuplicate(TargetRecord first, Entry again) {
    String also = "also selected by tenant " + again.tenant();
    String note = first.note() == null ? also : first.note() + "; " + also;
    return first.withDuplicate(first.duplicateOf(), note);
  }

  private Duration medianLatency() {
    List<Duration> sorted = latencies.stream().sorted().toList();
    return sorted.isEmpty() ? Duration.ZERO : sorted.get(sorted.size() / 2);
  }

  /** What one federation holds, or why it could not be read. */
  private record FederationView(
      Map<String, Idp> byId, List<String> orgIds, @Nullable String unreadable) {

    static FederationView unreadable(String what, AtlasResult.Failure<?> failure) {
      String why =
          "the federation's "
              + what
              + " could not be read: "
              + Outcomes.describe(failure.status(), failure.errorCode(), failure.detail());
      return new FederationView(Map.of(), List.of(), why);
    }
  }

  /** One identity provider the plan reaches, before numbering. */
  private record Entry(
      String tenant,
      String fsId,
      String idpId,
      @Nullable String displayName,
      @Nullable String idpType,
      List<String> orgIds,
      @Nullable String skipReason) {

    static Entry pending(Tenant tenant, String fsId, Idp idp, List<String> orgIds) {
      return new Entry(
          tenant.name(), fsId, idp.id(), idp.displayName(), typeName(idp), orgIds, null);
    }

    static Entry skipped(
        Tenant tenant,
        String fsId,
        String idpId,
        @Nullable String displayName,
        @Nullable String idpType,
        List<String> orgIds,
        String why) {
      return new Entry(tenant.name(), fsId, idpId, displayName, idpType, orgIds, why);
    }

    String key() {
      return fsId + "/" + idpId;
    }

    TargetRecord toRecord(int seq, @Nullable String cooldown, Instant now) {
      TargetRecord pending =
          TargetRecord.pending(seq, tenant, fsId, idpId, displayName, idpType, orgIds);
      String why = skipReason != null ? skipReason : cooldown;
      return why == null ? pending : pending.skipped(why, now);
    }
  }
}
