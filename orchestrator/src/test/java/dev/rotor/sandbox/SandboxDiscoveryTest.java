package dev.rotor.sandbox;

import static dev.rotor.sandbox.Demo.*;
import static dev.rotor.sandbox.SandboxRevokeTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SandboxDiscoveryTest {

  private static final String FED = "64a1fed00000000000000001";

  private static SandboxServer sandbox;
  private static SandboxClient client;
  private static String token;

  @BeforeAll
  static void start() {
    sandbox = SandboxServer.start(SandboxSettings.defaults());
    client = new SandboxClient(sandbox.baseUrl());
    token = client.accessToken(ACME_CLIENT, ACME_SECRET);
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void withoutFiltersOnlySamlComes() {
    JsonNode page = read("/api/atlas/v2/federationSettings/" + FED + "/identityProviders");

    assertThat(protocols(page)).containsExactly("SAML");
  }

  @Test
  void oidcWithoutIdpTypeOnlyReturnsWorkforce() {
    JsonNode page = read(idps("?protocol=OIDC"));

    assertThat(page.get("totalCount").asInt()).isEqualTo(3);
    page.get("results")
        .forEach(idp -> assertThat(idp.get("idpType").asString()).isEqualTo("WORKFORCE"));
  }

  @Test
  void repeatedKeysSelectEverything() {
    JsonNode page = read(idps("?protocol=OIDC&protocol=SAML&idpType=WORKFORCE&idpType=WORKLOAD"));

    assertThat(page.get("totalCount").asInt()).isEqualTo(6);
    JsonNode first = page.get("results").get(0);
    assertThat(first.get("id").asString()).isEqualTo(ACME_OIDC);
    assertThat(first.get("associatedOrgs").get(0).get("orgId").asString()).isEqualTo(ACME_ORG);
  }

  @Test
  void pagesFollowItemsPerPageAndLinks() {
    String query = "?protocol=OIDC&idpType=WORKFORCE&idpType=WORKLOAD&itemsPerPage=2";
    List<String> ids = new ArrayList<>();
    for (int pageNum = 1; pageNum <= 3; pageNum++) {
      JsonNode page = read(idps(query + "&pageNum=" + pageNum));
      page.get("results").forEach(idp -> ids.add(idp.get("id").asString()));
      assertThat(page.get("totalCount").asInt()).isEqualTo(5);
      boolean hasNext = false;
      for (JsonNode link : page.get("links")) {
        hasNext |= link.get("rel").asString().equals("next");
      }
      assertThat(hasNext).isEqualTo(pageNum < 3);
    }

    assertThat(ids).hasSize(5).doesNotHaveDuplicates();
  }

  @Test
  void itemsPerPageAbove500IsValidationError() {
    HttpResponse<String> response =
        client.call("GET", idps("?itemsPerPage=501"), token, SandboxClient.READ_ACCEPT);

    assertError(response, 400, "VALIDATION_ERROR");
  }

  @Test
  void unknownProtocolIsValidationError() {
    HttpResponse<String> response =
        client.call("GET", idps("?protocol=LDAP"), token, SandboxClient.READ_ACCEPT);

    assertError(response, 400, "VALIDATION_ERROR");
  }

  @Test
  void oneIdentityProviderNeedsVersion20231115() {
    String path = "/api/atlas/v2/federationSettings/" + FED + "/identityProviders/" + ACME_OIDC;

    assertThat(client.call("GET", path, token, SandboxClient.READ_ACCEPT).statusCode())
        .isEqualTo(406);
    HttpResponse<String> response = client.call("GET", path, token, SandboxClient.REVOKE_ACCEPT);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(SandboxClient.json(response).get("protocol").asString()).isEqualTo("OIDC");
  }

  @Test
  void connectedOrgConfigsListDataAccessIdentityProviders() {
    JsonNode page =
        read("/api/atlas/v2/federationSettings/" + SHARED_FEDERATION + "/connectedOrgConfigs");

    assertThat(page.get("totalCount").asInt()).isEqualTo(2);
    JsonNode acme = page.get("results").get(0);
    assertThat(acme.get("orgId").asString()).isEqualTo(ACME_ORG);
    assertThat(acme.get("dataAccessIdentityProviderIds").size()).isEqualTo(3);
  }

  @Test
  void orgFederationSettingsNameTheFederation() {
    JsonNode settings = read("/api/atlas/v2/orgs/" + ACME_ORG + "/federationSettings");

    assertThat(settings.get("id").asString()).isEqualTo(FED);
    assertThat(settings.get("identityProviderStatus").asString()).isEqualTo("ACTIVE");
  }

  @Test
  void otherOrganizationsAreForbidden() {
    HttpResponse<String> response =
        client.call(
            "GET",
            "/api/atlas/v2/orgs/" + INITECH_ORG + "/events",
            token,
            SandboxClient.READ_ACCEPT);

    assertError(response, 403, "NOT_ORG_OWNER");
  }

  @Test
  void rateLimitsListBothEndpointSets() {
    HttpResponse<String> response =
        client.call(
            "GET",
            "/api/atlas/v2/rateLimits?orgId=" + ACME_ORG,
            token,
            SandboxClient.LATEST_ACCEPT);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode revoke = SandboxClient.json(response).get("results").get(0);
    assertThat(revoke.get("scope").asString()).isEqualTo("ORGANIZATION");
    assertThat(revoke.get("capacity").get("value").asInt()).isEqualTo(100);
    assertThat(revoke.get("refillRate").get("value").asInt()).isEqualTo(100);
    assertThat(revoke.get("refillDurationSeconds").get("value").asInt()).isEqualTo(60);
    assertThat(revoke.get("endpoints").get(0).get("path").asString())
        .isEqualTo(
            "/api/atlas/v2/federationSettings/{federationSettingsId}/identityProviders/"
                + "{identityProviderId}/jwks");
  }

  private static String idps(String query) {
    return "/api/atlas/v2/federationSettings/" + FED + "/identityProviders" + query;
  }

  private static JsonNode read(String path) {
    HttpResponse<String> response = client.call("GET", path, token, SandboxClient.LATEST_ACCEPT);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return SandboxClient.json(response);
  }

  private static List<String> protocols(JsonNode page) {
    List<String> protocols = new ArrayList<>();
    page.get("results").forEach(idp -> protocols.add(idp.get("protocol").asString()));
    return protocols;
  }
}
