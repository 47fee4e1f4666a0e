package dev.rotor.atlas;

import static dev.rotor.atlas.AtlasStub.json;
import static dev.rotor.atlas.AtlasStub.noContent;
import static dev.rotor.atlas.AtlasStub.page;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rotor.config.ApiVersions;
import dev.rotor.config.AtlasSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Schedulers;

class AtlasClientRequestsTest extends AtlasClientFixture {

  @Test
  void revokeJwksSendsVersionedAcceptUserAgentAndBearerToken() {
    stub.api(noContent());

    AtlasResult<Void> result = client.revokeJwks(SERVICE_ACCOUNT, FS, IDP).block();

    assertThat(result).isInstanceOf(AtlasResult.Success.class);
    assertThat(result.meta().rateLimitLimit()).isEqualTo(300);
    assertThat(result.meta().rateLimitRemaining()).isEqualTo(299);
    RecordedRequest revoke = stub.apiRequests.get(0);
    assertThat(revoke.getMethod()).isEqualTo("DELETE");
    assertThat(revoke.getTarget())
        .isEqualTo(
            "/api/atlas/v2/federationSettings/" + FS + "/identityProviders/" + IDP + "/jwks");
    assertThat(revoke.getHeaders().get("Accept"))
        .isEqualTo("application/vnd.atlas.2023-11-15+json");
    assertThat(revoke.getHeaders().get("User-Agent"))
        .isEqualTo("Rotor/" + UserAgent.version())
        .doesNotContain("${");
    assertThat(revoke.getHeaders().get("Authorization")).isEqualTo("Bearer tok-1");
  }

  @Test
  void tokenRequestUsesClientCredentialsWithBasicAuth() {
    stub.api(noContent());

    client.revokeJwks(SERVICE_ACCOUNT, FS, IDP).block();

    RecordedRequest token = stub.tokenRequests.get(0);
    assertThat(token.getMethod()).isEqualTo("POST");
    assertThat(token.getBody().utf8()).isEqualTo("grant_type=client_credentials");
    assertThat(token.getHeaders().get("Content-Type"))
        .isEqualTo("application/x-www-form-urlencoded");
    assertThat(token.getHeaders().get("Accept")).isEqualTo("application/json");
    String basic =
        java.util.Base64.getEncoder().encodeToString(("mdb_sa_id_1234:" + SA_SECRET).getBytes());
    assertThat(token.getHeaders().get("Authorization")).isEqualTo("Basic " + basic);
  }

  @Test
  void eachEndpointSendsItsOwnVersion() {
    ApiVersions versions =
        new ApiVersions(
            "2001-01-01",
            "2002-02-02",
            "2003-03-03",
            "2004-04-04",
            "2005-05-05",
            "2006-06-06",
            "2007-07-07");
    AtlasSettings base = settings();
    useClient(
        newClient(
            new AtlasSettings(
                base.baseUrl(),
                versions,
                base.connectTimeout(),
                base.responseTimeout(),
                base.maxConnections(),
                base.tokenRefreshMargin()),
            Schedulers.parallel()));
    stub.api(
        noContent(),
        json(200, page(List.of())),
        json(200, idp(IDP)),
        json(200, page(List.of())),
        json(200, "{\"id\":\"" + FS + "\"}"),
        json(200, page(List.of())),
        json(200, page(List.of())));

    client.revokeJwks(SERVICE_ACCOUNT, FS, IDP).block();
    client.listIdentityProviders(SERVICE_ACCOUNT, FS, Set.of(), Set.of()).block();
    client.getIdentityProvider(SERVICE_ACCOUNT, FS, IDP).block();
    client.listConnectedOrgConfigs(SERVICE_ACCOUNT, FS).block();
    client.getOrgFederationSettings(SERVICE_ACCOUNT, ORG).block();
    client.listJwksRevokedEvents(SERVICE_ACCOUNT, ORG, Instant.EPOCH).block();
    client.listRateLimits(SERVICE_ACCOUNT, ORG).block();

    assertThat(stub.apiRequests)
        .extracting(r -> r.getHeaders().get("Accept"))
        .containsExactly(
            "application/vnd.atlas.2001-01-01+json",
            "application/vnd.atlas.2002-02-02+json",
            "application/vnd.atlas.2003-03-03+json",
            "application/vnd.atlas.2004-04-04+json",
            "application/vnd.atlas.2005-05-05+json",
            "application/vnd.atlas.2006-06-06+json",
            "application/vnd.atlas.2007-07-07+json");
  }

  @Test
  void listIdentityProvidersFollowsPagesUntilAShortPage() {
    stub.api(
        json(200, page(idps(0, 500))),
        json(200, page(idps(500, 500))),
        json(200, page(idps(1000, 3))));

    AtlasResult<List<IdentityProvider>> result =
        client.listIdentityProviders(SERVICE_ACCOUNT, FS, Set.of(Protocol.OIDC), Set.of()).block();

    List<IdentityProvider> all = ((AtlasResult.Success<List<IdentityProvider>>) result).value();
    assertThat(all).hasSize(1003);
    assertThat(all.get(1002).id()).isEqualTo(hexId(1002));
    assertThat(stub.apiRequests)
        .extracting(r -> r.getUrl().queryParameter("pageNum"))
        .containsExactly("1", "2", "3");
    assertThat(stub.apiRequests)
        .allSatisfy(r -> assertThat(r.getUrl().queryParameter("itemsPerPage")).isEqualTo("500"));
  }

  @Test
  void listIdentityProvidersAlwaysSendsBothFiltersAsRepeatedKeys() {
    stub.api(json(200, page(List.of())), json(200, page(List.of())));

    client.listIdentityProviders(SERVICE_ACCOUNT, FS, Set.of(), Set.of()).block();
    client
        .listIdentityProviders(SERVICE_ACCOUNT, FS, Set.of(Protocol.OIDC), Set.of(IdpType.WORKLOAD))
        .block();

    RecordedRequest all = stub.apiRequests.get(0);
    assertThat(all.getTarget())
        .startsWith(
            "/api/atlas/v2/federationSettings/"
                + FS
                + "/identityProviders?protocol=SAML&protocol=OIDC"
                + "&idpType=WORKFORCE&idpType=WORKLOAD&");
    RecordedRequest one = stub.apiRequests.get(1);
    assertThat(one.getUrl().queryParameterValues("protocol")).containsExactly("OIDC");
    assertThat(one.getUrl().queryParameterValues("idpType")).containsExactly("WORKLOAD");
  }

  @Test
  void identityProviderIsReadIgnoringUnknownFields() {
    String body =
        "{\"id\":\""
            + IDP
            + "\",\"oktaIdpId\":null,\"protocol\":\"OIDC\","
            + "\"idpType\":\"WORKLOAD\",\"displayName\":\"Workload\",\"issuerUri\":\"https://i\","
            + "\"audience\":\"aud\",\"createdAt\":\"2024-01-02T03:04:05Z\","
            + "\"futureField\":{\"x\":1},"
            + "\"associatedOrgs\":[{\"orgId\":\""
            + ORG
            + "\",\"domainRestrictionEnabled\":false,"
            + "\"dataAccessIdentityProviderIds\":[\""
            + IDP
            + "\"]}]}";
    stub.api(json(200, body));

    AtlasResult<IdentityProvider> result =
        client.getIdentityProvider(SERVICE_ACCOUNT, FS, IDP).block();

    IdentityProvider idp = ((AtlasResult.Success<IdentityProvider>) result).value();
    assertThat(idp.protocol()).isEqualTo(Protocol.OIDC);
    assertThat(idp.idpType()).isEqualTo(IdpType.WORKLOAD);
    assertThat(idp.audience()).isEqualTo("aud");
    assertThat(idp.createdAt()).isEqualTo(Instant.parse("2024-01-02T03:04:05Z"));
    assertThat(idp.associatedOrgs())
        .singleElement()
        .satisfies(org -> assertThat(org.dataAccessIdentityProviderIds()).containsExactly(IDP));
    assertThat(idp.associatedDomains()).isEmpty();
  }

  @Test
  void connectedOrgConfigsAndFederationSettingsAreRead() {
    String org =
        "{\"orgId\":\""
            + ORG
            + "\",\"identityProviderId\":\"c2777a9eca931f29fc2f\","
            + "\"dataAccessIdentityProviderIds\":[\""
            + IDP
            + "\"],\"domainAllowList\":[\"a.com\"],"
            + "\"domainRestrictionEnabled\":true,\"roleMappings\":[]}";
    stub.api(
        json(200, page(List.of(org))),
        json(
            200,
            "{\"id\":\""
                + FS
                + "\",\"federatedDomains\":[\"a.com\"],\"hasRoleMappings\":true,"
                + "\"identityProviderStatus\":\"ACTIVE\"}"));

    var orgs = client.listConnectedOrgConfigs(SERVICE_ACCOUNT, FS).block();
    var settings = client.getOrgFederationSettings(SERVICE_ACCOUNT, ORG).block();

    assertThat(((AtlasResult.Success<List<ConnectedOrgConfig>>) orgs).value())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.domainRestrictionEnabled()).isTrue();
              assertThat(c.domainAllowList()).containsExactly("a.com");
            });
    assertThat(((AtlasResult.Success<OrgFederationSettings>) settings).value().id()).isEqualTo(FS);
    assertThat(stub.apiRequests.get(1).getTarget())
        .isEqualTo("/api/atlas/v2/orgs/" + ORG + "/federationSettings");
  }

  @Test
  void jwksRevokedEventsAreQueriedAndSearchedForTheIdp() {
    String event =
        "{\"id\":\"6650aaaaaaaaaaaaaaaaaaaa\",\"created\":\"2025-06-01T00:01:00Z\","
            + "\"eventTypeName\":\"IDENTITY_PROVIDER_JWKS_REVOKED\",\"orgId\":\""
            + ORG
            + "\","
            + "\"raw\":{\"_t\":\"FEDERATION\",\"details\":{\"identityProviderId\":\""
            + IDP
            + "\"}}}";
    stub.api(json(200, page(List.of(event))));

    AtlasResult<List<OrgEvent>> result =
        client
            .listJwksRevokedEvents(SERVICE_ACCOUNT, ORG, Instant.parse("2025-06-01T00:00:00.123Z"))
            .block();

    OrgEvent found = ((AtlasResult.Success<List<OrgEvent>>) result).value().get(0);
    assertThat(found.created()).isEqualTo(Instant.parse("2025-06-01T00:01:00Z"));
    assertThat(found.names(IDP)).isTrue();
    assertThat(found.names("aaaaaaaaaaaaaaaaaaaaaaaa")).isFalse();
    RecordedRequest request = stub.apiRequests.get(0);
    assertThat(request.getUrl().encodedPath()).isEqualTo("/api/atlas/v2/orgs/" + ORG + "/events");
    assertThat(request.getUrl().queryParameter("eventType"))
        .isEqualTo("IDENTITY_PROVIDER_JWKS_REVOKED");
    assertThat(request.getUrl().queryParameter("minDate")).isEqualTo("2025-06-01T00:00:00Z");
    assertThat(request.getUrl().queryParameter("includeRaw")).isEqualTo("true");
  }

  @Test
  void rateLimitsAreRead() {
    String set =
        "{\"endpointSetId\":\"federation_org\",\"scope\":\"ORGANIZATION\","
            + "\"capacity\":{\"value\":10},\"refillRate\":{\"value\":5},"
            + "\"refillDurationSeconds\":{\"value\":60},\"endpoints\":[{\"method\":\"DELETE\","
            + "\"path\":\"/api/atlas/v2/federationSettings/{federationSettingsId}"
            + "/identityProviders/"
            + "{identityProviderId}/jwks\"}]}";
    stub.api(json(200, page(List.of(set))));

    var result = client.listRateLimits(SERVICE_ACCOUNT, ORG).block();

    RateLimitInfo limit = ((AtlasResult.Success<List<RateLimitInfo>>) result).value().get(0);
    assertThat(limit.toRateLimit().capacity()).isEqualTo(10);
    assertThat(limit.toRateLimit().period()).isEqualTo(Duration.ofSeconds(60));
    assertThat(
            limit.covers(
                "DELETE",
                "/api/atlas/v2/federationSettings/{federationSettingsId}"
                    + "/identityProviders/{identityProviderId}/jwks"))
        .isTrue();
    assertThat(stub.apiRequests.get(0).getUrl().queryParameter("orgId")).isEqualTo(ORG);
  }

  @Test
  void requestsAreTimedPerEndpointAndStatus() {
    stub.api(noContent());

    client.revokeJwks(SERVICE_ACCOUNT, FS, IDP).block();

    assertThat(
            registry
                .get(Transport.METRIC)
                .tags("endpoint", "revokeJwks", "status", "204")
                .timer()
                .count())
        .isEqualTo(1);
    assertThat(
            registry
                .get(Transport.METRIC)
                .tags("endpoint", "oauthToken", "status", "200")
                .timer()
                .count())
        .isEqualTo(1);
    assertThat(
            registry
                .get("rotor.auth.token.fetches")
                .tags("credential", "ops-sa", "outcome", "success")
                .counter()
                .count())
        .isEqualTo(1);
  }

  static String idp(String id) {
    return "{\"id\":\""
        + id
        + "\",\"oktaIdpId\":null,\"protocol\":\"OIDC\","
        + "\"idpType\":\"WORKFORCE\"}";
  }

  static List<String> idps(int from, int count) {
    List<String> list = new ArrayList<>();
    IntStream.range(from, from + count).forEach(i -> list.add(idp(hexId(i))));
    return list;
  }

  static String hexId(int i) {
    return String.format("%024x", i);
  }
}
