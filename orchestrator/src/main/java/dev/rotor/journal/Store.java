package dev.rotor.journal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.rotor.config.StoreSettings;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Opens the pool and brings the schema up to date.
 *
 * <p>The SQL of the journal is the same for H2 and PostgreSQL, so one Flyway location serves both;
 * when they diverge, add {@code db/journal/h2} and {@code db/journal/postgresql} and pick by URL in
 * {@link #locations}. Flyway keeps its history in {@code rotor_schema_history} and baselines a
 * non-empty schema at version 0, so Quartz's tables may live in the same database.
 */
final class Store {
  static final String HISTORY_TABLE = "rotor_schema_history";

  private Store() {}

  static HikariDataSource pool(StoreSettings settings) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("rotor-journal");
    config.setJdbcUrl(interruptSafe(settings.jdbcUrl()));
    if (settings.username() != null) {
      config.setUsername(settings.username());
    }
    if (settings.password() != null) {
      config.setPassword(settings.password().reveal());
    }
    config.setMaximumPoolSize(Math.max(2, settings.maxPoolSize()));
    return new HikariDataSource(config);
  }

  /**
   * Returns {@code url} reading an H2 file through H2's asynchronous file channel. Quartz
   * interrupts its own threads when it stops, and Reactor interrupts a cancelled worker; an
   * interrupt during a write closes a plain H2 file database for the whole process, while the
   * {@code async:} file system survives it.
   */
  static String interruptSafe(String url) {
    String file = "jdbc:h2:file:";
    if (!url.startsWith(file) || url.startsWith(file + "async:")) {
      return url;
    }
    return file + "async:" + url.substring(file.length());
  }

  static MigrateResult migrate(HikariDataSource dataSource, StoreSettings settings) {
    return Flyway.configure(Store.class.getClassLoader())
        .dataSource(dataSource)
        .locations(locations(settings))
        .table(HISTORY_TABLE)
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load()
        .migrate();
  }

  static String[] locations(StoreSettings settings) {
    return new String[] {"classpath:db/journal"};
  }

  /**
   * Makes what {@code connection} has just committed reach the file, on H2. H2 stores a commit only
   * if no other thread is storing at that moment (its MVStore tries the store lock and gives up
   * when it is taken), so under concurrent writes a commit can stay in memory until the next one,
   * and a crash in between loses it: an intent lost that way is a revocation sent twice on resume.
   * {@code CHECKPOINT} waits for the lock and stores. PostgreSQL needs nothing more.
   */
  static void persist(Connection connection, boolean embedded) throws SQLException {
    if (!embedded) {
      return;
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute("CHECKPOINT");
    }
  }

  /** Returns whether {@code settings} name the embedded H2 database. */
  static boolean embedded(StoreSettings settings) {
    return settings.jdbcUrl().startsWith("jdbc:h2:");
  }

  /**
   * Makes every H2 commit reach the file before it returns (H2 otherwise delays writes by up to 500
   * ms, and a crash would lose intents that the engine believed durable). Note that H2 does not
   * fsync, so this survives a process crash, not a power cut; PostgreSQL survives both.
   *
   * <p>Even so, a process killed during a long run came back without the commits of its last second
   * or so (the chaos soak revoked 6 to 11 identity providers twice in 5 of 7 runs). Keeping every
   * old chunk ({@code RETENTION_TIME}) stopped that but grew the file to 1.9 GB for 100,000 IdPs;
   * the {@link IntentLog} covers the intents instead.
   */
  static void makeCommitsDurable(HikariDataSource dataSource, StoreSettings settings)
      throws SQLException {
    if (!settings.jdbcUrl().startsWith("jdbc:h2:")) {
      return;
    }
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("SET WRITE_DELAY 0");
    }
  }
}
