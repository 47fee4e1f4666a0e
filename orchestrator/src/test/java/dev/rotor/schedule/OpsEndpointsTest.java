package dev.rotor.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rotor.config.Secret;
import dev.rotor.testing.RawHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Scrapes the ops endpoints of a daemon over HTTP, with a bearer token. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpsEndpointsTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\\{[^}]*})?) (\\S+)$");

  final HttpClient http = HttpClient.newHttpClient();
  DaemonFixture fixture;
  Daemon daemon;
  String runId;

  @BeforeAll
  void startDaemonWithOneRun(@TempDir Path dir) throws Exception {
    fixture = new DaemonFixture(dir);
    fixture.config =
        fixture.config.withDaemon(
            fixture.config.daemon().withBearerToken(Secret.of("ops-token", "${env:OPS}")));
    fixture.writePlan("daily", DaemonFixture.cron("0 0 3 * * ?", "skip"));
    daemon = fixture.start("node-a");
    fixture.writePlan("soon", DaemonFixture.onceIn(2, "skip"));
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () -> daemon.journal().listRuns().stream().anyMatch(s -> s.run().state().isFinished()));
    runId = daemon.journal().listRuns().get(0).run().runId();
  }

  @AfterAll
  void tearDown() {
    daemon.close();
  }

  @Test
  void metricsAreScrapedAsPrometheusText() throws Exception {
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> metrics().getOrDefault("rotor_runs{state=\"COMPLETED\"}", 0.0) == 1.0);

    Map<String, Double> metrics = metrics();
    assertThat(metrics).containsKey("rotor_plan_next_fire_seconds{plan=\"daily\"}");
    assertThat(metrics.get("rotor_plan_next_fire_seconds{plan=\"daily\"}"))
        .isGreaterThan(Instant.now().getEpochSecond());
    String idp =
        "rotor_idp_since_revocation_seconds{federation=\"%s\",idp=\"%s\",tenant=\"acme\"}"
            .formatted("f".repeat(24), "a".repeat(24));
    assertThat(metrics).hasEntrySatisfying(idp, v -> assertThat(v).isBetween(0.0, 60.0));
    assertThat(metrics)
        .containsEntry("rotor_plan_fires_total{outcome=\"started\",plan=\"soon\"}", 1.0);
    assertThat(metrics).containsEntry("rotor_runs_active", 0.0);
  }

  @Test
  void healthPlansAndRunsAnswerAsJson() throws Exception {
    assertThat(get("/health/live", null).statusCode()).isEqualTo(200);
    HttpResponse<String> ready = get("/health/ready", null);
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(ready.body()).get("database").asBoolean()).isTrue();

    JsonNode plans = JSON.readTree(get("/plans", "ops-token").body());
    assertThat(plans.get(0).get("name").asString()).isEqualTo("daily");
    assertThat(plans.get(0).get("nextFire").asString()).isNotEmpty();
    assertThat(plans.get(0).get("valid").asBoolean()).isTrue();

    JsonNode runs = JSON.readTree(get("/runs", "ops-token").body());
    assertThat(runs.get(0).get("runId").asString()).isEqualTo(runId);
    JsonNode run = JSON.readTree(get("/runs/" + runId, "ops-token").body());
    assertThat(run.get("state").asString()).isEqualTo("COMPLETED");
    assertThat(run.get("byTenant").get("acme").get("REVOKED").asLong()).isEqualTo(1);
    assertThat(get("/runs/no-such-run", "ops-token").statusCode()).isEqualTo(404);
  }

  @Test
  void reportWrittenWhenTheRunEndedIsServed() throws Exception {
    HttpResponse<String> response = get("/runs/" + runId + "/report.html", "ops-token");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(response.body()).contains(runId);
    assertThat(get("/runs/no-such-run/report.html", "ops-token").statusCode()).isEqualTo(404);
    assertThat(get("/runs/..%2F..%2Fetc/report.html", "ops-token").statusCode()).isEqualTo(404);
  }

  @Test
  void everyEndpointButHealthRequiresTheToken() throws Exception {
    assertThat(get("/metrics", null).statusCode()).isEqualTo(401);
    assertThat(get("/runs", "wrong").statusCode()).isEqualTo(401);
    assertThat(get("/plans", null).headers().firstValue("WWW-Authenticate")).isPresent();
    assertThat(get("/health/ready", null).statusCode()).isEqualTo(200);
    assertThat(get("/metrics", "ops-token").statusCode()).isEqualTo(200);
  }

  @Test
  void aKeptAliveConnectionGoesOnServingAfterPipelinedRequests() throws Exception {
    // A slow answer (read off the event loop) and a quick one, in one write; then one more request
    // on the same connection. Reactor Netty 1.3.7 stopped reading such a connection after the quick
    // answer, so the third request hung (as a client's next request on a reused connection did).
    try (RawHttp connection = new RawHttp(daemon.httpPort(), 10_000)) {
      connection.send(
          RawHttp.get("/runs", "Authorization: Bearer ops-token"), RawHttp.get("/health/live"));
      assertThat(connection.read().code()).isEqualTo(200);
      assertThat(connection.read().body()).contains("UP");

      connection.send(RawHttp.get("/health/live"));

      assertThat(connection.read().body()).contains("UP");
    }
  }

  private Map<String, Double> metrics() throws Exception {
    Map<String, Double> samples = new LinkedHashMap<>();
    for (String line : get("/metrics", "ops-token").body().split("\n")) {
      Matcher m = SAMPLE.matcher(line);
      if (!line.startsWith("#") && m.matches()) {
        samples.put(m.group(1), Double.parseDouble(m.group(2)));
      }
    }
    return samples;
  }

  private HttpResponse<String> get(String path, String token) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + daemon.httpPort() + path))
            .timeout(Duration.ofSeconds(30));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
