package dev.rotor.journal;

import static dev.rotor.journal.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rotor.config.StoreSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the journal's contract on an H2 file database, configured as the default store is. */
class H2JournalTest extends JournalContract {
  @TempDir Path dir;

  @Override
  StoreSettings settings() {
    return new StoreSettings(url("rotor"), "rotor", null, 8);
  }

  private String url(String name) {
    return "jdbc:h2:file:" + dir.resolve(name).toAbsolutePath() + ";AUTO_SERVER=TRUE";
  }

  @Test
  void intentsThatTheDatabaseLostInACrashAreBackInFlightBeforeAResume() throws Exception {
    journal.createRun(Fixtures.run("run-1", T0));
    journal.addTargets("run-1", Fixtures.targets(3));
    Instant sent = T0.plusSeconds(5);
    try (JournalWriter writer = JournalWriter.start(journal)) {
      writer.markInFlight("run-1", 1, sent).join();
      writer.markInFlight("run-1", 2, sent).join();
      writer.requeue("run-1", 2, 503, "SERVICE_UNAVAILABLE", "answered, not applied").join();
    }
    // What H2 came back with after a SIGKILL in the chaos soak: target 1's committed intent gone.
    try (Connection connection = journal.dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      statement.executeUpdate(
          "UPDATE rotor_target SET state = 'PENDING', attempts = 0, attempt_started_at = NULL,"
              + " first_attempt_at = NULL WHERE run_id = 'run-1' AND seq = 1");
    }

    assertThat(journal.restoreLostIntents("run-1")).isEqualTo(1);

    Map<Integer, TargetRecord> targets = new HashMap<>();
    journal.targets("run-1").forEach(t -> targets.put(t.seq(), t));
    assertThat(targets.get(1).state()).isEqualTo(TargetState.IN_FLIGHT);
    assertThat(targets.get(1).attempts()).isEqualTo(1);
    assertThat(targets.get(1).attemptStartedAt()).isEqualTo(sent);
    // Answered and put back to pending after the logged intent: it may be sent again.
    assertThat(targets.get(2).state()).isEqualTo(TargetState.PENDING);
    assertThat(targets.get(3).state()).isEqualTo(TargetState.PENDING);
    assertThat(journal.restoreLostIntents("run-1")).isZero();
    assertThat(journal.restoreLostIntents("another-run")).isZero();
  }

  @Test
  void journalMigratesADatabaseThatAlreadyHoldsOtherTables() throws SQLException {
    String url = url("shared");
    try (Connection connection = DriverManager.getConnection(url, "rotor", "");
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE qrtz_locks (sched_name VARCHAR(120), lock_name VARCHAR(40))");
    }

    try (Journal shared = Journal.open(new StoreSettings(url, "rotor", null, 2))) {
      shared.createRun(Fixtures.run("run-1", T0));
      assertThat(shared.findRun("run-1")).isPresent();
    }
  }
}
