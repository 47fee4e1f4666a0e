package dev.rotor.sandbox;

import static dev.rotor.sandbox.Demo.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rotor.testing.RawHttp;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SandboxControlApiTest {

  private SandboxServer sandbox;
  private SandboxClient client;

  @BeforeEach
  void start() {
    sandbox = SandboxServer.start(SandboxSettings.defaults());
    client = new SandboxClient(sandbox.baseUrl());
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  @Test
  void faultsRoundTrip() {
    String faults =
        "{\"latencyMs\":5,\"jitterMs\":2,\"error500Ratio\":0.1,\"error503Ratio\":0.2,"
            + "\"hangAfterApplyRatio\":0.05,\"dropBeforeApplyRatio\":0.05,"
            + "\"dropAfterApplyRatio\":0.05}";

    assertThat(client.put("/__sandbox/faults", faults).statusCode()).isEqualTo(200);

    assertThat(sandbox.faults()).isEqualTo(new Faults(5, 2, 0.1, 0.2, 0.05, 0.05, 0.05));
    JsonNode read = SandboxClient.json(client.get("/__sandbox/faults"));
    List<String> names = new ArrayList<>(read.propertyNames());
    assertThat(names)
        .containsExactlyInAnyOrder(
            "latencyMs",
            "jitterMs",
            "error500Ratio",
            "error503Ratio",
            "hangAfterApplyRatio",
            "dropBeforeApplyRatio",
            "dropAfterApplyRatio");
    assertThat(read.get("error503Ratio").asDouble()).isEqualTo(0.2);
  }

  @Test
  void aKeptAliveConnectionGoesOnServingAfterPipelinedRequests() throws Exception {
    // An Atlas call answered after the injected latency, then one answered at once (a 404, as a
    // 429 or a 401 is), in one write; then one more on the same connection. Reactor Netty 1.3.7
    // stopped reading such a connection, and the third request hung until the client gave up.
    client.put("/__sandbox/faults", "{\"latencyMs\":50}");
    String token = client.accessToken(ACME_CLIENT, ACME_SECRET);
    String slow =
        RawHttp.get(
            "/api/atlas/v2/federationSettings/"
                + ACME_FEDERATION
                + "/identityProviders/"
                + ACME_OIDC,
            "Authorization: Bearer " + token,
            "Accept: application/vnd.atlas.2023-11-15+json");
    try (RawHttp connection = new RawHttp(sandbox.port(), 10_000)) {
      connection.send(slow, RawHttp.get("/nowhere"));
      assertThat(connection.read().code()).isEqualTo(200);
      assertThat(connection.read().code()).isEqualTo(404);

      connection.send(RawHttp.get("/__sandbox/faults"));

      assertThat(connection.read().body()).contains("latencyMs");
    }
  }

  @Test
  void partialFaultsLeaveOtherKindsOff() {
    assertThat(client.put("/__sandbox/faults", "{\"latencyMs\":100}").statusCode()).isEqualTo(200);

    assertThat(sandbox.faults()).isEqualTo(Faults.NONE.withLatency(100, 0));
  }

  @Test
  void badFaultsAreRejected() {
    assertThat(client.put("/__sandbox/faults", "{\"error500Ratio\":2}").statusCode())
        .isEqualTo(400);
    assertThat(client.put("/__sandbox/faults", "{not json").statusCode()).isEqualTo(400);
    assertThat(client.put("/__sandbox/faults", "{\"surprise\":1}").statusCode()).isEqualTo(400);
    assertThat(sandbox.faults()).isEqualTo(Faults.NONE);
  }

  @Test
  void revocationsAndTokenGrantsAreListed() {
    String token = client.accessToken(ACME_CLIENT, ACME_SECRET);
    client.revoke(token, SHARED_FEDERATION, SHARED_OIDC);

    JsonNode revocations = SandboxClient.json(client.get("/__sandbox/revocations"));
    JsonNode grants = SandboxClient.json(client.get("/__sandbox/token-grants"));

    assertThat(revocations.size()).isEqualTo(1);
    JsonNode revocation = revocations.get(0);
    assertThat(revocation.get("federationSettingsId").asString()).isEqualTo(SHARED_FEDERATION);
    assertThat(revocation.get("identityProviderId").asString()).isEqualTo(SHARED_OIDC);
    assertThat(revocation.get("time").asString()).endsWith("Z");
    assertThat(revocation.get("eventIds").size()).isEqualTo(2);
    assertThat(grants.get(ACME_CLIENT).asInt()).isEqualTo(1);
  }

  @Test
  void fleetIsServedAsFixture() {
    HttpResponse<String> response = client.get("/__sandbox/fleet");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Fleet.parse(response.body())).isEqualTo(Fleet.demo());
  }
}
