package dev.rotor.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rotor.journal.Journal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stops a daemon, lets a fire time pass while none runs (by moving the stored next fire time into
 * the past), and starts it again on the same database: the schedules survived, a {@code fire-once}
 * plan fires once at start, a {@code skip} plan waits for its next fire time.
 */
class MisfireTest {
  @TempDir Path dir;
  Daemon daemon;

  @AfterEach
  void tearDown() {
    if (daemon != null) {
      daemon.close();
    }
  }

  @Test
  void fireOnceFiresOnceAtStartAndSkipWaits() throws Exception {
    DaemonFixture fixture = new DaemonFixture(dir);
    fixture.writePlan("catch-up", DaemonFixture.cron("0 0 3 * * ?", "fire-once"));
    fixture.writePlan("let-go", DaemonFixture.cron("0 0 3 * * ?", "skip"));
    fixture.start("node-a").close();
    missFireTimes(fixture, Instant.now().minus(Duration.ofHours(2)));

    daemon = fixture.start("node-a");

    await().atMost(Duration.ofSeconds(10)).until(() -> fixture.fake().started.contains("catch-up"));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> daemon.schedules().nextFire("let-go").orElseThrow().isAfter(Instant.now()));
    assertThat(daemon.schedules().nextFire("catch-up").orElseThrow()).isAfter(Instant.now());
    assertThat(fixture.fake().started).containsExactly("catch-up");
  }

  /** Pretends the daemon was down at the plans' fire time. */
  private static void missFireTimes(DaemonFixture fixture, Instant missed) throws Exception {
    try (Journal journal = Journal.open(fixture.config.store());
        Connection connection = journal.dataSource().getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE QRTZ_TRIGGERS SET NEXT_FIRE_TIME = ? WHERE TRIGGER_GROUP = 'plans'")) {
      update.setLong(1, missed.toEpochMilli());
      assertThat(update.executeUpdate()).isEqualTo(2);
    }
  }
}
