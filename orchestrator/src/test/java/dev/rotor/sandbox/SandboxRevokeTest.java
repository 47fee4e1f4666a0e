package dev.rotor.sandbox;

import static dev.rotor.sandbox.Demo.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SandboxRevokeTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-10T08:00:00Z"));
  private SandboxServer sandbox;
  private SandboxClient client;

  @BeforeEach
  void start() {
    sandbox = SandboxServer.start(SandboxSettings.defaults().withClock(clock));
    client = new SandboxClient(sandbox.baseUrl());
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  @Test
  void bearerRevokeRecordsRevocationAndEventsForEveryConnectedOrg() {
    String token = client.accessToken(ACME_CLIENT, ACME_SECRET);

    HttpResponse<String> response = client.revoke(token, SHARED_FEDERATION, SHARED_OIDC);

    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(response.body()).isEmpty();
    assertThat(response.headers().firstValue("RateLimit-Limit")).hasValue("100");
    assertThat(response.headers().firstValue("RateLimit-Remaining")).hasValue("99");
    assertThat(sandbox.revocations()).hasSize(1);
    Revocation revocation = sandbox.revocations().get(0);
    assertThat(revocation.identityProviderId()).isEqualTo(SHARED_OIDC);
    assertThat(revocation.clientId()).isEqualTo(ACME_CLIENT);
    assertThat(revocation.eventIds()).hasSize(2).allMatch(id -> id.matches("[a-f0-9]{24}"));
    assertThat(eventIds(token, ACME_ORG)).containsExactly(revocation.eventIds().get(0));
    String globexToken = client.accessToken(GLOBEX_CLIENT, GLOBEX_SECRET);
    assertThat(eventIds(globexToken, GLOBEX_ORG)).containsExactly(revocation.eventIds().get(1));
  }

  @Test
  void eventsCarryTheIdentityProviderAndHonourMinDate() {
    String token = client.accessToken(ACME_CLIENT, ACME_SECRET);
    client.revoke(token, ACME_FEDERATION, ACME_OIDC);
    clock.advance(Duration.ofMinutes(5));
    client.revoke(token, SHARED_FEDERATION, SHARED_OIDC);

    JsonNode page = events(token, ACME_ORG, "&minDate=2026-01-10T08:01:00Z");

    assertThat(page.get("totalCount").asInt()).isEqualTo(1);
    JsonNode event = page.get("results").get(0);
    assertThat(event.get("eventTypeName").asString()).isEqualTo("IDENTITY_PROVIDER_JWKS_REVOKED");
    assertThat(event.get("orgId").asString()).isEqualTo(ACME_ORG);
    assertThat(event.get("identityProviderId").asString()).isEqualTo(SHARED_OIDC);
    assertThat(event.get("federationSettingsId").asString()).isEqualTo(SHARED_FEDERATION);
    assertThat(event.get("created").asString()).isEqualTo("2026-01-10T08:05:00Z");
  }

  @Test
  void digestRevokeWithApiKeySucceeds() {
    String path = SandboxClient.revokePath(INITECH_FEDERATION, INITECH_OIDC);
    HttpResponse<String> challenge = client.digest("DELETE", path, null);
    assertThat(challenge.statusCode()).isEqualTo(401);
    Map<String, String> params = SandboxClient.challenge(challenge);
    assertThat(params).containsEntry("realm", "MMS Public API").containsEntry("stale", "false");

    String authorization =
        SandboxClient.digestHeader(
            INITECH_PUBLIC_KEY, INITECH_PRIVATE_KEY, "DELETE", path, params.get("nonce"), 1);
    HttpResponse<String> response = client.digest("DELETE", path, authorization);

    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(sandbox.revocations())
        .singleElement()
        .extracting(Revocation::clientId)
        .isEqualTo(INITECH_PUBLIC_KEY);
  }

  @Test
  void digestRefusesAReusedNonceCountButNotOneThatArrivesLate() {
    String path = SandboxClient.revokePath(INITECH_FEDERATION, INITECH_OIDC);
    String nonce = SandboxClient.challenge(client.digest("DELETE", path, null)).get("nonce");
    String second =
        SandboxClient.digestHeader(
            INITECH_PUBLIC_KEY, INITECH_PRIVATE_KEY, "DELETE", path, nonce, 2);
    String first =
        SandboxClient.digestHeader(
            INITECH_PUBLIC_KEY, INITECH_PRIVATE_KEY, "DELETE", path, nonce, 1);

    assertThat(client.digest("DELETE", path, second).statusCode()).isEqualTo(204);
    assertThat(client.digest("DELETE", path, first).statusCode()).isEqualTo(204);
    assertThat(client.digest("DELETE", path, second).statusCode()).isEqualTo(401);
  }

  @Test
  void digestAnswersStaleNonceWithFreshChallenge() {
    String path = SandboxClient.revokePath(INITECH_FEDERATION, INITECH_OIDC);
    String nonce = SandboxClient.challenge(client.digest("DELETE", path, null)).get("nonce");
    clock.advance(Duration.ofMinutes(6));
    String authorization =
        SandboxClient.digestHeader(
            INITECH_PUBLIC_KEY, INITECH_PRIVATE_KEY, "DELETE", path, nonce, 1);

    HttpResponse<String> response = client.digest("DELETE", path, authorization);

    assertThat(response.statusCode()).isEqualTo(401);
    Map<String, String> params = SandboxClient.challenge(response);
    assertThat(params).containsEntry("stale", "true");
    assertThat(params.get("nonce")).isNotEqualTo(nonce);
    assertThat(sandbox.revocations()).isEmpty();
  }

  @Test
  void digestRejectsWrongPassword() {
    String path = SandboxClient.revokePath(INITECH_FEDERATION, INITECH_OIDC);
    String nonce = SandboxClient.challenge(client.digest("DELETE", path, null)).get("nonce");
    String authorization =
        SandboxClient.digestHeader(INITECH_PUBLIC_KEY, "wrong", "DELETE", path, nonce, 1);

    assertThat(client.digest("DELETE", path, authorization).statusCode()).isEqualTo(401);
  }

  @Test
  void malformedIdIsValidationError() {
    String token = client.accessToken(ACME_CLIENT, ACME_SECRET);

    HttpResponse<String> response = client.revoke(token, ACME_FEDERATION, "ABC");

    assertError(response, 400, "VALIDATION_ERROR");
  }

  @Test
  void samlIdentityProviderIsInvalidAttribute() {
    String token = client.accessToken(ACME_CLIENT, ACME_SECRET);

    HttpResponse<String> response = client.revoke(token, ACME_FEDERATION, ACME_SAML);

    assertError(response, 400, "INVALID_ATTRIBUTE");
    assertThat(sandbox.revocations()).isEmpty();
  }

  @Test
  void missingCredentialsIsUnauthorizedWithChallenge() {
    HttpResponse<String> response =
        client.call(
            "DELETE",
            SandboxClient.revokePath(ACME_FEDERATION, ACME_OIDC),
            null,
            SandboxClient.REVOKE_ACCEPT);

    assertError(response, 401, "USER_UNAUTHORIZED");
    assertThat(response.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(
            h -> assertThat(h).startsWith("Digest realm=\"MMS Public API\", domain=\"\", nonce="));
  }

  @Test
  void expiredTokenIsUnauthorized() {
    String token = client.accessToken(ACME_CLIENT, ACME_SECRET);
    clock.advance(Duration.ofSeconds(3600));

    HttpResponse<String> response = client.revoke(token, ACME_FEDERATION, ACME_OIDC);

    assertError(response, 401, "USER_UNAUTHORIZED");
    assertThat(response.headers().allValues("WWW-Authenticate")).isNotEmpty();
  }

  @Test
  void tokenOneSecondBeforeExpiryStillWorks() {
    String token = client.accessToken(ACME_CLIENT, ACME_SECRET);
    clock.advance(Duration.ofSeconds(3599));

    assertThat(client.revoke(token, ACME_FEDERATION, ACME_OIDC).statusCode()).isEqualTo(204);
  }

  @Test
  void revokedTokenIsUnauthorized() {
    String token = client.accessToken(ACME_CLIENT, ACME_SECRET);
    HttpResponse<String> revoked =
        client.form(
            "/api/oauth/revoke",
            ACME_CLIENT,
            ACME_SECRET,
            "token=" + token + "&token_type_hint=access_token");

    assertThat(revoked.statusCode()).isEqualTo(200);
    assertThat(client.revoke(token, ACME_FEDERATION, ACME_OIDC).statusCode()).isEqualTo(401);
  }

  @Test
  void credentialOfUnconnectedOrgIsForbidden() {
    String token = client.accessToken(GLOBEX_CLIENT, GLOBEX_SECRET);

    HttpResponse<String> response = client.revoke(token, ACME_FEDERATION, ACME_OIDC);

    assertError(response, 403, "NOT_ORG_OWNER");
  }

  @Test
  void unknownFederationOrIdentityProviderIsNotFound() {
    String token = client.accessToken(ACME_CLIENT, ACME_SECRET);

    assertError(
        client.revoke(token, "0123456789abcdef01234567", ACME_OIDC), 404, "RESOURCE_NOT_FOUND");
    assertError(client.revoke(token, ACME_FEDERATION, INITECH_OIDC), 404, "RESOURCE_NOT_FOUND");
  }

  @Test
  void olderOrUnversionedAcceptIsNotAcceptable() {
    String token = client.accessToken(ACME_CLIENT, ACME_SECRET);
    String path = SandboxClient.revokePath(ACME_FEDERATION, ACME_OIDC);

    assertThat(client.call("DELETE", path, token, SandboxClient.READ_ACCEPT).statusCode())
        .isEqualTo(406);
    assertThat(client.call("DELETE", path, token, "application/json").statusCode()).isEqualTo(406);
    assertThat(client.call("DELETE", path, token, SandboxClient.LATEST_ACCEPT).statusCode())
        .isEqualTo(204);
  }

  private JsonNode events(String token, String orgId, String query) {
    HttpResponse<String> response =
        client.call(
            "GET",
            "/api/atlas/v2/orgs/"
                + orgId
                + "/events?eventType=IDENTITY_PROVIDER_JWKS_REVOKED&itemsPerPage=100"
                + query,
            token,
            SandboxClient.READ_ACCEPT);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("application/vnd.atlas.2023-01-01+json");
    return SandboxClient.json(response);
  }

  private java.util.List<String> eventIds(String token, String orgId) {
    java.util.List<String> ids = new java.util.ArrayList<>();
    events(token, orgId, "").get("results").forEach(e -> ids.add(e.get("id").asString()));
    return ids;
  }

  static void assertError(HttpResponse<String> response, int status, String errorCode) {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    JsonNode body = SandboxClient.json(response);
    assertThat(body.get("error").asInt()).isEqualTo(status);
    assertThat(body.get("errorCode").asString()).isEqualTo(errorCode);
    assertThat(body.get("detail").asString()).isNotBlank();
    assertThat(body.get("reason").asString()).isNotBlank();
    assertThat(body.get("parameters").isArray()).isTrue();
  }
}
