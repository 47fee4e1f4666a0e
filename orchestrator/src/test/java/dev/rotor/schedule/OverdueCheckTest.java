package dev.rotor.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotor.config.Secret;
import dev.rotor.config.Webhook;
import dev.rotor.journal.Journal;
import dev.rotor.journal.Outcome;
import dev.rotor.journal.RunRecord;
import dev.rotor.journal.RunState;
import dev.rotor.journal.TargetRecord;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finds identity providers not revoked within their plan's schedule interval, once each. */
class OverdueCheckTest {
  private static final Instant REVOKED_AT = Instant.parse("2026-03-01T03:00:05Z");

  @TempDir Path dir;
  final MockWebServer server = new MockWebServer();
  Daemon daemon;
  Notifier notifier;

  @BeforeEach
  void setUp() throws Exception {
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    DaemonFixture fixture = new DaemonFixture(dir);
    fixture.writePlan("daily", DaemonFixture.cron("0 0 3 * * ?", "skip"));
    // The history is written before the daemon starts: a run journaled under a running daemon
    // looks, until it finishes, like the run of a dead node, which the daemon would resume.
    try (Journal journal = Journal.open(fixture.config.store())) {
      revokedOnce(journal, "run-1", "daily", "a".repeat(24));
      // The same tenant name in a plan that the daemon does not schedule: its identity provider is
      // not the daily plan's, and must not be reported overdue against it.
      revokedOnce(journal, "run-2", "adhoc", "b".repeat(24));
    }
    daemon = fixture.start("node-a");
    URI url = URI.create("http://127.0.0.1:" + server.getPort() + "/hook");
    Webhook hook =
        new Webhook(
            url,
            Secret.of("k", "${env:K}"),
            Set.of(),
            Set.of("acme"),
            Set.of(Webhook.Event.IDP_OVERDUE));
    notifier =
        new Notifier(
            List.of(hook),
            new Notifier.Delivery(1, Duration.ofMillis(10), Duration.ofSeconds(2)),
            new SimpleMeterRegistry());
  }

  @AfterEach
  void tearDown() {
    if (notifier != null) {
      notifier.close();
    }
    if (daemon != null) {
      daemon.close();
    }
    server.close();
  }

  @Test
  void idpBecomesOverdueOneIntervalAndOneWindowAfterItsLastRevocation() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).build());
    OverdueCheck check = new OverdueCheck(daemon.journal(), daemon.catalog(), notifier);
    Instant due = REVOKED_AT.plus(Duration.ofDays(1)).plus(Duration.ofMinutes(10));

    assertThat(check.check(due.minusSeconds(120), due.minusSeconds(60))).isEmpty();
    List<OverdueCheck.Overdue> found = check.check(due.minusSeconds(60), due);
    assertThat(check.check(due, due.plusSeconds(60))).isEmpty();

    assertThat(found)
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.plan()).isEqualTo("daily");
              assertThat(o.interval()).isEqualTo(Duration.ofDays(1));
              assertThat(o.since()).isEqualTo(due);
              assertThat(o.last().identityProviderId()).isEqualTo("a".repeat(24));
            });
    RecordedRequest request = server.takeRequest();
    assertThat(request.getBody().utf8())
        .contains("\"event\":\"IDP_OVERDUE\"")
        .contains("\"identityProviderId\":\"" + "a".repeat(24) + "\"");
  }

  private static void revokedOnce(Journal journal, String runId, String plan, String idp) {
    journal.createRun(
        RunRecord.started(
            runId,
            plan,
            "sha",
            "plans/daily.yaml",
            "test",
            "scheduler@x",
            null,
            REVOKED_AT,
            false,
            "x"));
    journal.addTargets(
        runId,
        List.of(
            TargetRecord.pending(
                1, "acme", "f".repeat(24), idp, "idp", "WORKFORCE", List.of("o".repeat(24)))));
    journal.markInFlight(runId, 1, REVOKED_AT);
    journal.recordOutcome(runId, 1, Outcome.revoked(204, "evt", REVOKED_AT, 5));
    journal.finishRun(runId, RunState.COMPLETED, REVOKED_AT, null);
  }
}
