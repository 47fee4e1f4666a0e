package dev.rotor.config;

import org.jspecify.annotations.Nullable;

/**
 * Tells the journal and the scheduler where their database is: an embedded H2 file by default, or
 * PostgreSQL for a cluster of daemons.
 */
public record StoreSettings(
    String jdbcUrl, @Nullable String username, @Nullable Secret password, int maxPoolSize) {

  /** The embedded file database, relative to the working directory. */
  public static final String DEFAULT_URL = "jdbc:h2:file:./data/rotor;AUTO_SERVER=TRUE";

  /** Returns the embedded default. */
  public static StoreSettings defaults() {
    return new StoreSettings(DEFAULT_URL, "rotor", null, 8);
  }

  /** Returns a copy that uses {@code url}. */
  public StoreSettings withJdbcUrl(String url) {
    return new StoreSettings(url, username, password, maxPoolSize);
  }

  /** Returns whether this is a PostgreSQL store. */
  public boolean isPostgres() {
    return jdbcUrl.startsWith("jdbc:postgresql:");
  }
}
