package dev.rotor.journal;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariDataSource;
import dev.rotor.config.StoreSettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.api.output.MigrateResult;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records runs and their targets durably, in an embedded H2 file or in PostgreSQL.
 *
 * <p>Every method blocks on JDBC: call it from {@code Schedulers.boundedElastic()}, never from an
 * event loop. Every write commits before it returns, so once {@link #markInFlight} returns the
 * intent survives a crash, and once {@link #recordOutcome} returns the outcome does. For many small
 * writes from many threads use a {@link JournalWriter}, which commits them in groups.
 *
 * <p>A write that would change a target which already has an outcome is refused with an {@link
 * IllegalStateException}, so an outcome is never overwritten and a revoked target is never marked
 * in flight again. A database failure is a {@link JournalException}.
 */
public final class Journal implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Journal.class);
  private static final int INSERT_CHUNK = 1_000;

  private final HikariDataSource dataSource;
  private final boolean embedded;
  private final @Nullable IntentLog intentLog;

  private Journal(HikariDataSource dataSource, boolean embedded, @Nullable IntentLog intentLog) {
    this.dataSource = dataSource;
    this.embedded = embedded;
    this.intentLog = intentLog;
  }

  /** Opens the pool to the store and migrates its schema; blocks. */
  public static Journal open(StoreSettings settings) {
    requireNonNull(settings, "settings");
    HikariDataSource dataSource = Store.pool(settings);
    try {
      MigrateResult result = Store.migrate(dataSource, settings);
      Store.makeCommitsDurable(dataSource, settings);
      log.info(
          "journal opened store={} schema={} migrationsApplied={}",
          settings.isPostgres() ? "postgresql" : "h2",
          result.targetSchemaVersion,
          result.migrationsExecuted);
      return new Journal(
          dataSource, Store.embedded(settings), IntentLog.beside(settings.jdbcUrl()));
    } catch (SQLException e) {
      dataSource.close();
      throw new JournalException("open the store", e);
    } catch (RuntimeException e) {
      dataSource.close();
      throw e;
    }
  }

  /**
   * Returns whether the store is the embedded H2 database, whose commits need {@link
   * Store#persist}.
   */
  boolean embedded() {
    return embedded;
  }

  /** Returns the second record of intents kept beside an H2 file database, or null. */
  @Nullable IntentLog intentLog() {
    return intentLog;
  }

  /**
   * Puts back in flight each pending target of {@code runId} whose intent the {@link IntentLog}
   * holds but the journal lost with a killed process (its last attempt started later than the
   * journal knows), so that a resume settles it from Atlas's events instead of sending it again;
   * returns how many. Call before resuming the run.
   */
  public int restoreLostIntents(String runId) {
    if (intentLog == null) {
      return 0;
    }
    Map<Integer, Instant> starts = intentLog.latestStarts(runId);
    if (starts.isEmpty()) {
      return 0;
    }
    int restored =
        inTransaction(
            "restore lost intents of run=" + runId,
            connection -> {
              try (PreparedStatement ps =
                  connection.prepareStatement(
                      "UPDATE rotor_target SET state = 'IN_FLIGHT', attempts = attempts + 1,"
                          + " attempt_started_at = ?,"
                          + " first_attempt_at = COALESCE(first_attempt_at, ?)"
                          + " WHERE run_id = ? AND seq = ? AND state = 'PENDING'"
                          + " AND (attempt_started_at IS NULL OR attempt_started_at < ?)")) {
                for (Map.Entry<Integer, Instant> start : starts.entrySet()) {
                  Jdbc.setInstant(ps, 1, start.getValue());
                  Jdbc.setInstant(ps, 2, start.getValue());
                  ps.setString(3, runId);
                  ps.setInt(4, start.getKey());
                  Jdbc.setInstant(ps, 5, start.getValue());
                  ps.addBatch();
                }
                int count = 0;
                for (int updated : ps.executeBatch()) {
                  count += updated > 0 ? 1 : 0;
                }
                return count;
              }
            });
    if (restored > 0) {
      log.warn(
          "run={} {} intents were missing from the journal after a crash and are back in flight"
              + " from {}; they are settled from events, never sent again by themselves",
          runId,
          restored,
          intentLog.file());
    }
    return restored;
  }

  /** Returns the pooled data source, for the scheduler's tables in the same database. */
  public DataSource dataSource() {
    return dataSource;
  }

  /** Closes the pool; blocks until its connections are closed. */
  @Override
  public void close() {
    try {
      dataSource.close();
    } finally {
      if (intentLog != null) {
        intentLog.close();
      }
    }
  }

  /** Inserts a new run; fails if its id is taken. */
  public void createRun(RunRecord run) {
    requireNonNull(run, "run");
    inTransaction(
        "create run=" + run.runId(),
        connection -> {
          try (PreparedStatement ps = connection.prepareStatement(Rows.INSERT_RUN)) {
            Rows.bindRun(ps, run);
            return ps.executeUpdate();
          }
        });
  }

  /**
   * Inserts a new run with its targets in one transaction, so that a crash leaves both or neither:
   * never a run without the targets it was started for. Fails if the run id is taken.
   */
  public void createRun(RunRecord run, List<TargetRecord> targets) {
    requireNonNull(run, "run");
    requireNonNull(targets, "targets");
    inTransaction(
        "create run=" + run.runId() + " with " + targets.size() + " targets",
        connection -> {
          try (PreparedStatement ps = connection.prepareStatement(Rows.INSERT_RUN)) {
            Rows.bindRun(ps, run);
            ps.executeUpdate();
          }
          return insertTargets(connection, run.runId(), targets);
        });
  }

  /**
   * Inserts the targets of a run in one transaction, in JDBC batches of 1,000: all of them or none.
   */
  public void addTargets(String runId, List<TargetRecord> targets) {
    requireNonNull(runId, "runId");
    requireNonNull(targets, "targets");
    inTransaction(
        "add " + targets.size() + " targets to run=" + runId,
        connection -> insertTargets(connection, runId, targets));
  }

  private static int insertTargets(Connection connection, String runId, List<TargetRecord> targets)
      throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(Rows.INSERT_TARGET)) {
      for (int i = 0; i < targets.size(); i++) {
        Rows.bindTarget(ps, runId, targets.get(i));
        ps.addBatch();
        if ((i + 1) % INSERT_CHUNK == 0 || i == targets.size() - 1) {
          ps.executeBatch();
        }
      }
    }
    return targets.size();
  }

  /**
   * Records the intent to send an attempt on a target, counts the attempt, and commits; call it
   * before the request is written. Refuses a target that already has an outcome.
   */
  public void markInFlight(String runId, int seq, Instant attemptStartedAt) {
    List<Change.MarkInFlight> intent =
        List.of(new Change.MarkInFlight(runId, seq, attemptStartedAt));
    apply("mark run=" + runId + " seq=" + seq + " in flight", intent);
    logIntents(intent);
  }

  /**
   * Records many intents in one transaction: all of them or, if one target already has an outcome,
   * none.
   */
  public void markInFlight(List<Intent> intents) {
    List<Change.MarkInFlight> changes = new ArrayList<>(intents.size());
    for (Intent intent : intents) {
      changes.add(new Change.MarkInFlight(intent.runId(), intent.seq(), intent.attemptStartedAt()));
    }
    apply("mark " + intents.size() + " targets in flight", changes);
    logIntents(changes);
  }

  private void logIntents(List<Change.MarkInFlight> intents) {
    if (intentLog != null) {
      intentLog.append(intents);
    }
  }

  /** Records the final outcome of a target that is pending or in flight, and commits. */
  public void recordOutcome(String runId, int seq, Outcome outcome) {
    requireNonNull(outcome, "outcome");
    apply(
        "record the outcome of run=" + runId + " seq=" + seq,
        List.of(new Change.RecordOutcome(runId, seq, outcome)));
  }

  /** Skips a pending target for {@code reason}, and commits. */
  public void recordSkipped(String runId, int seq, String reason, Instant completedAt) {
    apply(
        "skip run=" + runId + " seq=" + seq,
        List.of(new Change.RecordSkipped(runId, seq, reason, completedAt)));
  }

  /**
   * Puts every target of the run in one of {@code states} back to pending, on an operator's
   * decision to send those revocations again; returns how many were requeued.
   */
  public int requeue(String runId, Set<TargetState> states) {
    if (states.isEmpty()) {
      return 0;
    }
    String marks = String.join(", ", states.stream().map(s -> "'" + s.name() + "'").toList());
    String sql =
        "UPDATE rotor_target SET state = 'PENDING', completed_at = NULL, reason = NULL"
            + " WHERE run_id = ? AND state IN ("
            + marks
            + ")";
    return inTransaction(
        "requeue " + states + " targets of run=" + runId,
        connection -> {
          try (var ps = connection.prepareStatement(sql)) {
            ps.setString(1, runId);
            return ps.executeUpdate();
          }
        });
  }

  private void apply(String operation, List<? extends Change> changes) {
    inTransaction(
        operation,
        connection -> {
          boolean[] applied = Changes.apply(connection, changes);
          for (int i = 0; i < applied.length; i++) {
            if (!applied[i]) {
              throw new IllegalStateException(changes.get(i).refusal());
            }
          }
          return applied.length;
        });
  }

  /** Ends a running run in {@code state}; refuses a run that is not {@link RunState#RUNNING}. */
  public void finishRun(
      String runId, RunState state, Instant finishedAt, @Nullable String abortReason) {
    if (!state.isFinished()) {
      throw new IllegalArgumentException("Cannot finish run=" + runId + " as " + state);
    }
    int updated =
        update(
            "finish run=" + runId,
            "UPDATE rotor_run SET state = ?, finished_at = ?, abort_reason = ?"
                + " WHERE run_id = ? AND state = 'RUNNING'",
            ps -> {
              ps.setString(1, state.name());
              Jdbc.setInstant(ps, 2, finishedAt);
              Jdbc.setString(ps, 3, abortReason);
              ps.setString(4, runId);
            });
    if (updated == 0) {
      throw new IllegalStateException("Cannot finish run=" + runId + ": missing or not RUNNING");
    }
  }

  /**
   * Records that {@code nodeId} still works on the run; returns false if the node no longer owns it
   * (another node claimed it, or it finished), and the node must then stop working on it.
   */
  public boolean heartbeat(String runId, String nodeId, Instant now) {
    return update(
            "heartbeat run=" + runId,
            "UPDATE rotor_run SET heartbeat_at = ?"
                + " WHERE run_id = ? AND owner_node = ? AND state = 'RUNNING'",
            ps -> {
              Jdbc.setInstant(ps, 1, now);
              ps.setString(2, runId);
              ps.setString(3, nodeId);
            })
        > 0;
  }

  /**
   * Takes the run over for {@code nodeId}, atomically, if its owner's heartbeat is older than
   * {@code staleBefore} (or missing), or if it was {@link RunState#INTERRUPTED}; the run is then
   * {@link RunState#RUNNING} with its heartbeat at {@code now}. Returns whether it was claimed: of
   * two nodes claiming the same stale run, only one gets it.
   */
  public boolean claimRun(String runId, String nodeId, Instant staleBefore, Instant now) {
    return update(
            "claim run=" + runId,
            "UPDATE rotor_run SET owner_node = ?, heartbeat_at = ?, state = 'RUNNING',"
                + " finished_at = NULL, abort_reason = NULL WHERE run_id = ? AND (state IN"
                + " ('INTERRUPTED', 'ABORTED', 'COMPLETED_WITH_FAILURES') OR"
                + " (state = 'RUNNING' AND (heartbeat_at IS NULL OR heartbeat_at < ?)))",
            ps -> {
              ps.setString(1, nodeId);
              Jdbc.setInstant(ps, 2, now);
              ps.setString(3, runId);
              Jdbc.setInstant(ps, 4, staleBefore);
            })
        > 0;
  }

  /**
   * Returns the runs still RUNNING whose heartbeat is older than {@code staleBefore}, oldest first.
   */
  public List<RunRecord> runsToResume(Instant staleBefore) {
    return query(
        "list runs to resume",
        "SELECT "
            + Rows.RUN_COLUMNS
            + " FROM rotor_run WHERE state = 'RUNNING'"
            + " AND (heartbeat_at IS NULL OR heartbeat_at < ?) ORDER BY started_at, run_id",
        ps -> Jdbc.setInstant(ps, 1, staleBefore),
        Rows::run);
  }

  /** Returns the runs in {@code state}, oldest first. */
  public List<RunRecord> runsInState(RunState state) {
    return query(
        "list runs in state " + state,
        "SELECT "
            + Rows.RUN_COLUMNS
            + " FROM rotor_run WHERE state = ? ORDER BY started_at, run_id",
        ps -> ps.setString(1, state.name()),
        Rows::run);
  }

  /** Returns how many runs are in each state, every state present. */
  public Map<RunState, Long> countRunsByState() {
    Map<RunState, Long> counts = new EnumMap<>(RunState.class);
    for (RunState state : RunState.values()) {
      counts.put(state, 0L);
    }
    query(
            "count runs by state",
            "SELECT state, COUNT(*) AS n FROM rotor_run GROUP BY state",
            ps -> {},
            rs -> Map.entry(RunState.valueOf(rs.getString("state")), rs.getLong("n")))
        .forEach(entry -> counts.put(entry.getKey(), entry.getValue()));
    return counts;
  }

  /** Returns the run, if there is one with this id. */
  public Optional<RunRecord> findRun(String runId) {
    return query(
            "find run=" + runId,
            "SELECT " + Rows.RUN_COLUMNS + " FROM rotor_run WHERE run_id = ?",
            ps -> ps.setString(1, runId),
            Rows::run)
        .stream()
        .findFirst();
  }

  /** Returns every run, newest first, each with its counts of targets by state. */
  public List<RunSummary> listRuns() {
    return listRuns(Integer.MAX_VALUE);
  }

  /** Returns the {@code limit} newest runs, newest first, each with its counts by state. */
  public List<RunSummary> listRuns(int limit) {
    String runColumns = Rows.runColumns("r");
    String sql =
        "SELECT "
            + runColumns
            + ", t.state AS target_state, COUNT(t.seq) AS n"
            + " FROM (SELECT * FROM rotor_run ORDER BY started_at DESC, run_id DESC LIMIT ?) r"
            + " LEFT JOIN rotor_target t ON t.run_id = r.run_id"
            + " GROUP BY "
            + runColumns
            + ", t.state"
            + " ORDER BY r.started_at DESC, r.run_id DESC";
    return withConnection("list runs", connection -> summaries(connection, sql, limit));
  }

  private static List<RunSummary> summaries(Connection connection, String sql, int limit)
      throws SQLException {
    Map<String, RunRecord> runs = new LinkedHashMap<>();
    Map<String, Map<TargetState, Long>> counts = new LinkedHashMap<>();
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      ps.setInt(1, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          RunRecord run = runs.computeIfAbsent(rs.getString("run_id"), id -> runUnchecked(rs));
          Map<TargetState, Long> byState = counts.computeIfAbsent(run.runId(), id -> zeroCounts());
          String state = rs.getString("target_state");
          if (state != null) {
            byState.put(TargetState.valueOf(state), rs.getLong("n"));
          }
        }
      }
    }
    return runs.values().stream()
        .map(run -> new RunSummary(run, counts.get(run.runId())))
        .collect(Collectors.toList());
  }

  private static RunRecord runUnchecked(ResultSet rs) {
    try {
      return Rows.run(rs);
    } catch (SQLException e) {
      throw new JournalException("read a run", e);
    }
  }

  /**
   * Streams the targets of a run in sequence order, a fetch at a time, so that a large run is never
   * held in memory whole. The stream holds a connection: the caller must close it, in a
   * try-with-resources block.
   */
  public Stream<TargetRecord> targets(String runId) {
    return TargetCursor.open(
        dataSource,
        "SELECT " + Rows.TARGET_COLUMNS + " FROM rotor_target WHERE run_id = ? ORDER BY seq",
        ps -> ps.setString(1, runId),
        "stream the targets of run=" + runId);
  }

  /**
   * Returns the targets of a run that are in one of {@code states}, in sequence order; to resume,
   * ask for {@code PENDING} and {@code IN_FLIGHT} (which must be settled, not sent again).
   */
  public List<TargetRecord> targetsInState(String runId, Set<TargetState> states) {
    if (states.isEmpty()) {
      return List.of();
    }
    String marks = String.join(", ", states.stream().map(s -> "?").toList());
    List<TargetState> ordered = List.copyOf(states);
    return query(
        "find targets of run=" + runId + " in " + states,
        "SELECT "
            + Rows.TARGET_COLUMNS
            + " FROM rotor_target WHERE run_id = ?"
            + " AND state IN ("
            + marks
            + ") ORDER BY seq",
        ps -> {
          ps.setString(1, runId);
          for (int i = 0; i < ordered.size(); i++) {
            ps.setString(i + 2, ordered.get(i).name());
          }
        },
        Rows::target);
  }

  /** Returns how many targets of the run are in each state; every state is present. */
  public Map<TargetState, Long> countsByState(String runId) {
    Map<TargetState, Long> counts = zeroCounts();
    query(
            "count the targets of run=" + runId,
            "SELECT state, COUNT(*) AS n FROM rotor_target WHERE run_id = ? GROUP BY state",
            ps -> ps.setString(1, runId),
            rs -> Map.entry(TargetState.valueOf(rs.getString("state")), rs.getLong("n")))
        .forEach(entry -> counts.put(entry.getKey(), entry.getValue()));
    return counts;
  }

  /** Returns, per tenant in name order, how many targets of the run are in each state. */
  public Map<String, Map<TargetState, Long>> countsByTenant(String runId) {
    Map<String, Map<TargetState, Long>> counts = new LinkedHashMap<>();
    query(
            "count the targets of run=" + runId + " by tenant",
            "SELECT tenant, state, COUNT(*) AS n FROM rotor_target WHERE run_id = ?"
                + " GROUP BY tenant, state ORDER BY tenant",
            ps -> ps.setString(1, runId),
            rs ->
                new TenantCount(
                    rs.getString("tenant"),
                    TargetState.valueOf(rs.getString("state")),
                    rs.getLong("n")))
        .forEach(c -> counts.computeIfAbsent(c.tenant, t -> zeroCounts()).put(c.state, c.n));
    return counts;
  }

  private record TenantCount(String tenant, TargetState state, long n) {}

  /** Returns the most recent confirmed revocation of an identity provider, across all runs. */
  public Optional<Revocation> lastRevocation(
      String federationSettingsId, String identityProviderId) {
    return query(
            "find the last revocation of idp=" + identityProviderId,
            "SELECT "
                + REVOCATION_COLUMNS
                + " FROM rotor_target t"
                + " WHERE t.federation_settings_id = ? AND t.identity_provider_id = ?"
                + " AND t.state = 'REVOKED' ORDER BY t.completed_at DESC, t.run_id DESC LIMIT 1",
            ps -> {
              ps.setString(1, federationSettingsId);
              ps.setString(2, identityProviderId);
            },
            Rows::revocation)
        .stream()
        .findFirst();
  }

  private static final String REVOCATION_COLUMNS =
      "t.federation_settings_id, t.identity_provider_id, t.tenant, t.display_name, t.run_id,"
          + " t.seq, t.completed_at, t.evidence";

  /**
   * Returns the most recent confirmed revocation of every identity provider ever revoked, ordered
   * by federation and identity provider.
   */
  public List<Revocation> lastRevocations() {
    List<Revocation> rows =
        query(
            "find the last revocations",
            "SELECT "
                + REVOCATION_COLUMNS
                + " FROM rotor_target t JOIN ("
                + "SELECT federation_settings_id, identity_provider_id,"
                + " MAX(completed_at) AS last_at"
                + " FROM rotor_target WHERE state = 'REVOKED'"
                + " GROUP BY federation_settings_id, identity_provider_id) m"
                + " ON m.federation_settings_id = t.federation_settings_id"
                + " AND m.identity_provider_id = t.identity_provider_id"
                + " AND m.last_at = t.completed_at WHERE t.state = 'REVOKED'"
                + " ORDER BY t.federation_settings_id, t.identity_provider_id, t.run_id DESC",
            ps -> {},
            Rows::revocation);
    return firstPerIdp(rows);
  }

  /** Keeps one revocation per identity provider when two runs revoked it in the same instant. */
  private static List<Revocation> firstPerIdp(List<Revocation> rows) {
    Map<String, Revocation> first = new LinkedHashMap<>();
    for (Revocation row : rows) {
      first.putIfAbsent(row.federationSettingsId() + "/" + row.identityProviderId(), row);
    }
    return List.copyOf(first.values());
  }

  private static Map<TargetState, Long> zeroCounts() {
    Map<TargetState, Long> counts = new EnumMap<>(TargetState.class);
    for (TargetState state : TargetState.values()) {
      counts.put(state, 0L);
    }
    return counts;
  }

  // JDBC plumbing: each helper borrows a connection, wraps SQLException with the operation.

  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  interface Mapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  private <T> T withConnection(String operation, Work<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      return work.run(connection);
    } catch (SQLException e) {
      throw new JournalException(operation, e);
    }
  }

  private <T> T inTransaction(String operation, Work<T> work) {
    return withConnection(
        operation,
        connection -> {
          connection.setAutoCommit(false);
          try {
            T result = work.run(connection);
            connection.commit();
            Store.persist(connection, embedded);
            return result;
          } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
          }
        });
  }

  private int update(String operation, String sql, Binder binder) {
    return withConnection(
        operation,
        connection -> {
          try (PreparedStatement ps = connection.prepareStatement(sql)) {
            binder.bind(ps);
            int count = ps.executeUpdate();
            Store.persist(connection, embedded);
            return count;
          }
        });
  }

  private <T> List<T> query(String operation, String sql, Binder binder, Mapper<T> mapper) {
    return withConnection(
        operation,
        connection -> {
          try (PreparedStatement ps = connection.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
              List<T> rows = new ArrayList<>();
              while (rs.next()) {
                rows.add(mapper.map(rs));
              }
              return rows;
            }
          }
        });
  }
}
