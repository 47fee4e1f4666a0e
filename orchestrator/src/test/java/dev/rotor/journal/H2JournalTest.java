package dev.rotor.journal;

import static dev.rotor.journal.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rotor.config.StoreSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
  void commitsReachTheFileAtOnceAndOldChunksAreKeptWhileTheDatabaseIsOpen() throws SQLException {
    // Either setting at H2's default lost returned commits when the process was killed: write
    // delay 500 ms, retention 45 s (see Store.makeCommitsDurable and scripts/chaos).
    try (Connection connection = journal.dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT SETTING_NAME, SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                    + " WHERE SETTING_NAME IN ('WRITE_DELAY', 'RETENTION_TIME')")) {
      Map<String, String> settings = new HashMap<>();
      while (rs.next()) {
        settings.put(rs.getString(1), rs.getString(2));
      }
      assertThat(settings)
          .containsEntry("WRITE_DELAY", "0")
          .containsEntry("RETENTION_TIME", String.valueOf(Integer.MAX_VALUE));
    }
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
