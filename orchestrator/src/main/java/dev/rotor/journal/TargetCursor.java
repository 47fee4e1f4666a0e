package dev.rotor.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Streams targets from an open result set, a fetch at a time, and releases the connection when the
 * stream is closed. PostgreSQL only fetches in pages inside a transaction, hence the open one.
 */
final class TargetCursor extends Spliterators.AbstractSpliterator<TargetRecord> {
  private static final int FETCH_SIZE = 1_000;

  private final ResultSet resultSet;
  private final String operation;

  private TargetCursor(ResultSet resultSet, String operation) {
    super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.IMMUTABLE);
    this.resultSet = resultSet;
    this.operation = operation;
  }

  interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  static Stream<TargetRecord> open(
      DataSource dataSource, String sql, Binder binder, String operation) {
    @Nullable Connection connection = null;
    try {
      connection = dataSource.getConnection();
      connection.setAutoCommit(false);
      boolean h2 = isH2(connection);
      if (h2) {
        setLazy(connection, true);
      }
      PreparedStatement ps = connection.prepareStatement(sql);
      ps.setFetchSize(FETCH_SIZE);
      binder.bind(ps);
      ResultSet rs = ps.executeQuery();
      Connection owned = connection;
      return StreamSupport.stream(new TargetCursor(rs, operation), false)
          .onClose(() -> release(rs, ps, owned, h2));
    } catch (SQLException e) {
      closeQuietly(connection);
      throw new JournalException(operation, e);
    }
  }

  @Override
  public boolean tryAdvance(Consumer<? super TargetRecord> action) {
    try {
      if (!resultSet.next()) {
        return false;
      }
      action.accept(Rows.target(resultSet));
      return true;
    } catch (SQLException e) {
      throw new JournalException(operation, e);
    }
  }

  /**
   * Tells H2 to read rows from the index as the cursor advances; by default it materializes the
   * whole result first, spilling a large one to a temporary file.
   */
  private static void setLazy(Connection connection, boolean lazy) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET LAZY_QUERY_EXECUTION " + lazy);
    }
  }

  private static boolean isH2(Connection connection) throws SQLException {
    return "H2".equals(connection.getMetaData().getDatabaseProductName());
  }

  private static void release(
      ResultSet rs, PreparedStatement ps, Connection connection, boolean h2) {
    try (connection) {
      rs.close();
      ps.close();
      connection.rollback();
      if (h2) {
        setLazy(connection, false);
      }
    } catch (SQLException e) {
      throw new JournalException("close a target stream", e);
    }
  }

  private static void closeQuietly(@Nullable Connection connection) {
    if (connection == null) {
      return;
    }
    try {
      connection.close();
    } catch (SQLException e) {
      // Already failing with the cause that matters; this one would hide it.
    }
  }
}
