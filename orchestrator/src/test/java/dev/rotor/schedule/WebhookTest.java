package dev.rotor.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rotor.config.NotificationSettings;
import dev.rotor.config.Secret;
import dev.rotor.config.Webhook;
import dev.rotor.journal.RunState;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Notifies webhooks of a finished run: signed, retried, and never in the run's way. */
class WebhookTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path dir;
  final MockWebServer server = new MockWebServer();
  final List<RecordedRequest> delivered = new CopyOnWriteArrayList<>();
  final List<RecordedRequest> refused = new CopyOnWriteArrayList<>();
  Daemon daemon;

  @BeforeEach
  void startServer() throws Exception {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            if (request.getUrl().encodedPath().equals("/ok")) {
              delivered.add(request);
              return new MockResponse.Builder().code(204).build();
            }
            refused.add(request);
            return new MockResponse.Builder().code(503).build();
          }
        });
    server.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  @AfterEach
  void tearDown() {
    if (daemon != null) {
      daemon.close();
    }
    server.close();
  }

  @Test
  void finishedRunIsPostedSignedAndAFailingWebhookIsRetriedWithoutHarm() throws Exception {
    DaemonFixture fixture = new DaemonFixture(dir);
    fixture.config =
        fixture.config.withNotifications(
            new NotificationSettings(
                List.of(
                    webhook("/ok", Set.of("nightly"), EnumSet.of(Webhook.Event.RUN_FINISHED)),
                    webhook("/broken", Set.of(), EnumSet.allOf(Webhook.Event.class)),
                    webhook("/ok", Set.of("other-plan"), EnumSet.allOf(Webhook.Event.class)))));
    daemon = fixture.start("node-a");
    fixture.writePlan("nightly", DaemonFixture.onceIn(2, "skip"));

    await().atMost(Duration.ofSeconds(15)).until(() -> delivered.size() == 1);
    await().atMost(Duration.ofSeconds(15)).until(() -> refused.size() == 3);

    RecordedRequest request = delivered.get(0);
    byte[] body = request.getBody().toByteArray();
    assertThat(request.getHeaders().get("X-Rotor-Signature"))
        .isEqualTo("sha256=" + Notifier.sign("hook-secret", body));
    assertThat(request.getHeaders().get("X-Rotor-Event")).isEqualTo("RUN_FINISHED");
    JsonNode payload = JSON.readTree(new String(body, StandardCharsets.UTF_8));
    assertThat(payload.get("event").asString()).isEqualTo("RUN_FINISHED");
    assertThat(payload.get("plan").asString()).isEqualTo("nightly");
    assertThat(payload.get("state").asString()).isEqualTo("COMPLETED");
    assertThat(payload.get("counts").get("REVOKED").asLong()).isEqualTo(1);
    assertThat(payload.get("report").asString()).endsWith("report.html");
    String runId = payload.get("runId").asString();
    assertThat(daemon.journal().findRun(runId).orElseThrow().state()).isEqualTo(RunState.COMPLETED);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                daemon
                        .registry()
                        .find("rotor.webhook.deliveries")
                        .tags("outcome", "failed")
                        .counter()
                    != null);
  }

  @Test
  void signatureIsHmacSha256OfTheBody() {
    // RFC 4231 test case 2.
    assertThat(
            Notifier.sign("Jefe", "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  }

  private Webhook webhook(String path, Set<String> plans, Set<Webhook.Event> events) {
    URI url = URI.create("http://127.0.0.1:" + server.getPort() + path);
    return new Webhook(url, Secret.of("hook-secret", "${env:HOOK}"), plans, Set.of(), events);
  }
}
