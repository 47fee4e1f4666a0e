package dev.rotor.atlas;

import static java.util.Objects.requireNonNull;

import dev.rotor.auth.DigestAuthenticator;
import dev.rotor.auth.TokenCache;
import dev.rotor.config.AtlasSettings;
import dev.rotor.config.CredentialSpec;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.IntFunction;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;

/**
 * Calls the Atlas Administration API on behalf of Rotor, without blocking.
 *
 * <p>Every call takes the credential to authenticate with and completes with an {@link
 * AtlasResult}; it never signals an error. All calls share one connection pool, one token cache and
 * one Digest state. List calls follow every page. Call {@link #shutdown(Duration)} (or {@link
 * #close()}) when done, so cached OAuth tokens are revoked and the pool is closed.
 */
public final class AtlasClient implements AutoCloseable {
  /** The page size of every list call, the largest Atlas allows. */
  public static final int ITEMS_PER_PAGE = 500;

  static final int MAX_PAGES = 1_000;
  private static final String V2 = "/api/atlas/v2";
  private static final String JWKS_REVOKED = "IDENTITY_PROVIDER_JWKS_REVOKED";

  private final Transport transport;
  private final TokenCache tokens;
  private final AuthenticatingSender sender;
  private final AtomicBoolean shutDown = new AtomicBoolean();

  private AtlasClient(Transport transport, TokenCache tokens, AuthenticatingSender sender) {
    this.transport = transport;
    this.tokens = tokens;
    this.sender = sender;
  }

  /**
   * Creates a client for the Atlas described by {@code settings}.
   *
   * @param clock the clock token expiry and {@code Retry-After} dates are measured on
   * @param registry where request timings and token fetches are recorded
   */
  public static AtlasClient create(AtlasSettings settings, Clock clock, MeterRegistry registry) {
    return create(settings, clock, registry, Schedulers.parallel());
  }

  /**
   * Creates a client whose waits (after a rate-limited token request) run on {@code scheduler}, so
   * that tests can use virtual time.
   */
  public static AtlasClient create(
      AtlasSettings settings, Clock clock, MeterRegistry registry, Scheduler scheduler) {
    requireNonNull(settings, "settings");
    requireNonNull(clock, "clock");
    requireNonNull(registry, "registry");
    requireNonNull(scheduler, "scheduler");
    Transport transport = new Transport(settings, clock, registry, UserAgent.value());
    TokenCache tokens =
        new TokenCache(
            new AtlasTokenSource(transport, clock),
            clock,
            settings.tokenRefreshMargin(),
            registry,
            scheduler);
    AuthenticatingSender sender =
        new AuthenticatingSender(transport, tokens, new DigestAuthenticator());
    return new AtlasClient(transport, tokens, sender);
  }

  /**
   * Revokes the JWKS of an OIDC identity provider: {@code DELETE
   * /federationSettings/{fs}/identityProviders/{idp}/jwks}, which Atlas answers 204. Note that a
   * failure with {@code mayHaveTakenEffect} is an unknown outcome: settle it from the organization
   * events before repeating the call.
   */
  public Mono<AtlasResult<Void>> revokeJwks(
      CredentialSpec credential, String federationSettingsId, String identityProviderId) {
    requireNonNull(credential, "credential");
    String target = identityProviderPath(federationSettingsId, identityProviderId) + "/jwks";
    String ids = "fs=" + federationSettingsId + " idp=" + identityProviderId;
    return call(
        credential, AtlasRequest.delete(Endpoint.REVOKE_JWKS, target, ids), Decoding.none());
  }

  /**
   * Lists the identity providers of a federation with the given protocols and types, all pages.
   * Both filters are always sent, since Atlas defaults to SAML and WORKFORCE; an empty set means
   * every value.
   */
  public Mono<AtlasResult<List<IdentityProvider>>> listIdentityProviders(
      CredentialSpec credential,
      String federationSettingsId,
      Set<Protocol> protocols,
      Set<IdpType> idpTypes) {
    requireNonNull(credential, "credential");
    String path = v2("federationSettings", federationSettingsId, "identityProviders");
    String filters =
        repeated("protocol", all(protocols, Protocol.class))
            + "&"
            + repeated("idpType", all(idpTypes, IdpType.class));
    IntFunction<AtlasRequest> page =
        n ->
            AtlasRequest.get(
                Endpoint.LIST_IDENTITY_PROVIDERS,
                path + "?" + filters + paging(n),
                "fs=" + federationSettingsId);
    return allPages(credential, page, Decoding.element(IdentityProvider.class, "id"));
  }

  /** Returns one identity provider of a federation. */
  public Mono<AtlasResult<IdentityProvider>> getIdentityProvider(
      CredentialSpec credential, String federationSettingsId, String identityProviderId) {
    requireNonNull(credential, "credential");
    String ids = "fs=" + federationSettingsId + " idp=" + identityProviderId;
    AtlasRequest request =
        AtlasRequest.get(
            Endpoint.GET_IDENTITY_PROVIDER,
            identityProviderPath(federationSettingsId, identityProviderId),
            ids);
    return call(credential, request, Decoding.object(IdentityProvider.class, "id"));
  }

  /** Lists the organizations connected to a federation, all pages. */
  public Mono<AtlasResult<List<ConnectedOrgConfig>>> listConnectedOrgConfigs(
      CredentialSpec credential, String federationSettingsId) {
    requireNonNull(credential, "credential");
    String path = v2("federationSettings", federationSettingsId, "connectedOrgConfigs");
    IntFunction<AtlasRequest> page =
        n ->
            AtlasRequest.get(
                Endpoint.LIST_CONNECTED_ORG_CONFIGS,
                path + "?" + paging(n).substring(1),
                "fs=" + federationSettingsId);
    return allPages(credential, page, Decoding.element(ConnectedOrgConfig.class, "orgId"));
  }

  /** Returns the federation settings of an organization, which name its federation. */
  public Mono<AtlasResult<OrgFederationSettings>> getOrgFederationSettings(
      CredentialSpec credential, String orgId) {
    requireNonNull(credential, "credential");
    AtlasRequest request =
        AtlasRequest.get(
            Endpoint.GET_ORG_FEDERATION_SETTINGS,
            v2("orgs", orgId, "federationSettings"),
            "org=" + orgId);
    return call(credential, request, Decoding.object(OrgFederationSettings.class, "id"));
  }

  /**
   * Lists the {@code IDENTITY_PROVIDER_JWKS_REVOKED} events of an organization since {@code since}
   * (to the second), raw documents included, all pages.
   */
  public Mono<AtlasResult<List<OrgEvent>>> listJwksRevokedEvents(
      CredentialSpec credential, String orgId, Instant since) {
    requireNonNull(credential, "credential");
    requireNonNull(since, "since");
    String query =
        "eventType="
            + JWKS_REVOKED
            + "&minDate="
            + encode(since.truncatedTo(ChronoUnit.SECONDS).toString())
            + "&includeRaw=true";
    String path = v2("orgs", orgId, "events");
    IntFunction<AtlasRequest> page =
        n ->
            AtlasRequest.get(
                Endpoint.LIST_ORG_EVENTS, path + "?" + query + paging(n), "org=" + orgId);
    return allPages(credential, page, EventsAndLimits::event);
  }

  /** Lists the rate limits Atlas applies to an organization's endpoint sets, all pages. */
  public Mono<AtlasResult<List<RateLimitInfo>>> listRateLimits(
      CredentialSpec credential, String orgId) {
    requireNonNull(credential, "credential");
    String path = transport.basePath() + V2 + "/rateLimits?orgId=" + encode(orgId);
    IntFunction<AtlasRequest> page =
        n -> AtlasRequest.get(Endpoint.LIST_RATE_LIMITS, path + paging(n), "org=" + orgId);
    return allPages(credential, page, EventsAndLimits::rateLimit);
  }

  /**
   * Revokes every cached OAuth token, best effort and within {@code timeout}, then closes the
   * connection pool. Calling it again only waits for the pool to close.
   */
  public Mono<Void> shutdown(Duration timeout) {
    requireNonNull(timeout, "timeout");
    Mono<Void> revoke =
        shutDown.compareAndSet(false, true)
            ? tokens.revokeAll().timeout(timeout, Mono.empty()).onErrorResume(e -> Mono.empty())
            : Mono.empty();
    return revoke.then(Mono.defer(transport::dispose));
  }

  /** Shuts down as {@link #shutdown(Duration)} with 10 seconds, blocking until done. */
  @Override
  public void close() {
    shutdown(Duration.ofSeconds(10)).block(Duration.ofSeconds(20));
  }

  private <T> Mono<AtlasResult<T>> call(
      CredentialSpec credential, AtlasRequest request, Decoding.BodyDecoder<T> decoder) {
    return sender.send(credential, request).map(exchange -> Decoding.toResult(exchange, decoder));
  }

  private <T> Mono<AtlasResult<List<T>>> allPages(
      CredentialSpec credential, IntFunction<AtlasRequest> page, Function<JsonNode, T> element) {
    Decoding.BodyDecoder<Decoding.Page<T>> decoder = Decoding.page(element);
    return Mono.defer(() -> pagesFrom(1, new ArrayList<>(), credential, page, decoder));
  }

  private <T> Mono<AtlasResult<List<T>>> pagesFrom(
      int pageNum,
      List<T> collected,
      CredentialSpec credential,
      IntFunction<AtlasRequest> page,
      Decoding.BodyDecoder<Decoding.Page<T>> decoder) {
    return call(credential, page.apply(pageNum), decoder)
        .flatMap(
            result -> {
              if (!(result instanceof AtlasResult.Success<Decoding.Page<T>> success)) {
                return Mono.just(((AtlasResult.Failure<Decoding.Page<T>>) result).retype());
              }
              List<T> results = requireNonNull(success.value()).results();
              collected.addAll(results);
              if (results.size() < ITEMS_PER_PAGE) {
                return Mono.just(new AtlasResult.Success<>(List.copyOf(collected), success.meta()));
              }
              if (pageNum >= MAX_PAGES) {
                return Mono.just(tooManyPages(success.meta()));
              }
              return pagesFrom(pageNum + 1, collected, credential, page, decoder);
            });
  }

  private static <T> AtlasResult<List<T>> tooManyPages(ResponseMeta meta) {
    return new AtlasResult.Failure<>(
        FailureKind.MALFORMED_RESPONSE,
        200,
        null,
        "more than " + MAX_PAGES + " full pages; giving up",
        null,
        false,
        meta);
  }

  private String identityProviderPath(String federationSettingsId, String identityProviderId) {
    return v2("federationSettings", federationSettingsId, "identityProviders")
        + "/"
        + segment(identityProviderId);
  }

  /** Returns {@code /api/atlas/v2/{collection}/{id}/{sub}} with the id encoded. */
  private String v2(String collection, String id, String sub) {
    return transport.basePath() + V2 + "/" + collection + "/" + segment(id) + "/" + sub;
  }

  private static String paging(int pageNum) {
    return "&itemsPerPage=" + ITEMS_PER_PAGE + "&pageNum=" + pageNum;
  }

  private static <E extends Enum<E>> Set<E> all(Set<E> chosen, Class<E> type) {
    requireNonNull(chosen, type.getSimpleName());
    return chosen.isEmpty() ? EnumSet.allOf(type) : EnumSet.copyOf(chosen);
  }

  private static String repeated(String key, Set<? extends Enum<?>> values) {
    StringJoiner joiner = new StringJoiner("&");
    values.forEach(value -> joiner.add(key + "=" + value.name()));
    return joiner.toString();
  }

  private static String segment(String id) {
    requireNonNull(id, "id");
    if (id.isEmpty()) {
      throw new IllegalArgumentException("Empty id in an Atlas path");
    }
    return encode(id);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
