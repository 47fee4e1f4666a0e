package dev.rotor.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rotor.config.StoreSettings;
import dev.rotor.journal.Journal;
import dev.rotor.journal.RunRecord;
import dev.rotor.journal.RunState;
import dev.rotor.journal.TargetRecord;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the daemon on a real PostgreSQL: clustered Quartz, resumes of dead and stopped nodes. */
class PostgresDaemonTest {
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres postgres;

  @TempDir Path dir;
  DaemonFixture fixture;
  Daemon daemon;

  @BeforeAll
  static void startPostgres() throws Exception {
    postgres = EmbeddedPostgres.start();
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    postgres.close();
  }

  @BeforeEach
  void freshDatabase() throws Exception {
    String database = "daemon_" + DATABASES.incrementAndGet();
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + database);
    }
    fixture = new DaemonFixture(dir);
    fixture.config =
        fixture.config.withStore(
            new StoreSettings(postgres.getJdbcUrl("postgres", database), "postgres", null, 8));
  }

  @AfterEach
  void tearDown() {
    if (daemon != null) {
      daemon.close();
    }
  }

  @Test
  void checksInAsAClusterNodeAndFires() throws Exception {
    daemon = fixture.start("node-a");
    fixture.writePlan("nightly", DaemonFixture.onceIn(2, "skip"));

    await().atMost(Duration.ofSeconds(15)).until(() -> fixture.fake().started.contains("nightly"));
    try (Connection connection = daemon.journal().dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT instance_name FROM qrtz_scheduler_state")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("node-a");
    }
  }

  @Test
  void staleRunOfADeadNodeIsResumed() throws Exception {
    fixture.config =
        fixture.config.withDaemon(
            fixture
                .config
                .daemon()
                .withTimings(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofMillis(100)));
    fixture.writePlan("nightly", DaemonFixture.cron("0 0 3 * * ?", "skip"));
    Instant lastHeartbeat = Instant.now().minus(Duration.ofMinutes(1));
    try (Journal journal = Journal.open(fixture.config.store())) {
      journal.createRun(
          RunRecord.started(
              "run-of-dead-node",
              "nightly",
              "sha",
              dir.resolve("elsewhere/nightly.yaml").toString(),
              "test",
              "scheduler@dead-node",
              null,
              lastHeartbeat,
              false,
              "dead-node"));
      journal.addTargets("run-of-dead-node", List.of(target()));
    }

    daemon = fixture.start("node-b");

    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> state("run-of-dead-node") == RunState.COMPLETED);
    assertThat(fixture.fake().resumed).containsExactly("run-of-dead-node");
    assertThat(daemon.journal().findRun("run-of-dead-node").orElseThrow().ownerNode())
        .isEqualTo("node-b");
  }

  @Test
  void stoppedDaemonInterruptsItsRunAndTheNextNodeResumesIt() throws Exception {
    fixture.holdRuns = true;
    daemon = fixture.start("node-a");
    fixture.writePlan("nightly", DaemonFixture.onceIn(2, "skip"));
    await().atMost(Duration.ofSeconds(15)).until(() -> fixture.fake().running.get() == 1);
    String runId = daemon.journal().listRuns().get(0).run().runId();

    daemon.close();

    assertThat(fixture.fake().controls.get(0).stopped()).isTrue();
    assertThat(state(runId)).isEqualTo(RunState.INTERRUPTED);
    fixture.holdRuns = false;
    daemon = fixture.start("node-b");
    await().atMost(Duration.ofSeconds(15)).until(() -> state(runId) == RunState.COMPLETED);
    assertThat(fixture.fake().resumed).containsExactly(runId);
  }

  private RunState state(String runId) {
    try (Journal journal = Journal.open(fixture.config.store())) {
      return journal.findRun(runId).orElseThrow().state();
    }
  }

  private static TargetRecord target() {
    return TargetRecord.pending(
        1, "acme", "f".repeat(24), "a".repeat(24), "idp", "WORKFORCE", List.of("o".repeat(24)));
  }
}
