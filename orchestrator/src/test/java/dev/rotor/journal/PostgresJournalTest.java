package dev.rotor.journal;

import dev.rotor.config.StoreSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs the journal's contract on a real PostgreSQL, one fresh database per test. */
class PostgresJournalTest extends JournalContract {
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres postgres;

  private String database = "postgres";

  @BeforeAll
  static void startPostgres() throws IOException {
    postgres = EmbeddedPostgres.start();
  }

  @AfterAll
  static void stopPostgres() throws IOException {
    postgres.close();
  }

  @Override
  @BeforeEach
  void openJournal() {
    database = "journal_" + DATABASES.incrementAndGet();
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + database);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create database " + database, e);
    }
    super.openJournal();
  }

  @Override
  StoreSettings settings() {
    return new StoreSettings(postgres.getJdbcUrl("postgres", database), "postgres", null, 8);
  }

  @Test
  void measureWriterThroughput() throws Exception {
    JournalWriterThroughputTest.report("PostgreSQL", journal);
  }
}
