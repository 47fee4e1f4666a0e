package dev.rotor.journal;

import static dev.rotor.journal.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rotor.config.StoreSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
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
