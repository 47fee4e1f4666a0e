package dev.rotor.journal;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Updates one target: an intent, an outcome or a skip. Each update only applies to a target that
 * has no outcome yet, so a replay or a bug can never overwrite a recorded outcome.
 */
sealed interface Change {

  /** Returns the run of the target. */
  String runId();

  /** Returns the sequence number of the target. */
  int seq();

  /** Returns the statement; changes of one kind share it, so they batch together. */
  String sql();

  /** Binds this change's values to {@link #sql()}. */
  void bind(PreparedStatement ps) throws SQLException;

  /** Returns why the change was refused when it updated no row. */
  String refusal();

  /** Returns the key of the target, to keep two changes of one target in order. */
  default String key() {
    return runId() + "#" + seq();
  }

  /** Marks the target in flight and counts the attempt. */
  record MarkInFlight(String runId, int seq, Instant attemptStartedAt) implements Change {
    static final String SQL =
        "UPDATE rotor_target SET state = 'IN_FLIGHT', attempts = attempts + 1,"
            + " attempt_started_at = ?, first_attempt_at = COALESCE(first_attempt_at, ?)"
            + " WHERE run_id = ? AND seq = ? AND state IN ('PENDING', 'IN_FLIGHT')";

    @Override
    public String sql() {
      return SQL;
    }

    @Override
    public void bind(PreparedStatement ps) throws SQLException {
      Jdbc.setInstant(ps, 1, attemptStartedAt);
      Jdbc.setInstant(ps, 2, attemptStartedAt);
      ps.setString(3, runId);
      ps.setInt(4, seq);
    }

    @Override
    public String refusal() {
      return "run="
          + runId
          + " seq="
          + seq
          + ": cannot mark in flight,"
          + " the target is missing or already has an outcome";
    }
  }

  /** Records the final outcome of the target. */
  record RecordOutcome(String runId, int seq, Outcome outcome) implements Change {
    static final String SQL =
        "UPDATE rotor_target SET state = ?, reason = ?, http_status = ?, error_code = ?,"
            + " detail = ?, evidence = ?, completed_at = ?, latency_ms = ?"
            + " WHERE run_id = ? AND seq = ? AND state IN ('PENDING', 'IN_FLIGHT')";

    @Override
    public String sql() {
      return SQL;
    }

    @Override
    public void bind(PreparedStatement ps) throws SQLException {
      ps.setString(1, outcome.state().name());
      Jdbc.setString(ps, 2, outcome.reason());
      Jdbc.setInteger(ps, 3, outcome.httpStatus());
      Jdbc.setString(ps, 4, outcome.errorCode());
      Jdbc.setString(ps, 5, outcome.detail());
      Jdbc.setString(ps, 6, outcome.evidence());
      Jdbc.setInstant(ps, 7, outcome.completedAt());
      Jdbc.setLong(ps, 8, outcome.latencyMs());
      ps.setString(9, runId);
      ps.setInt(10, seq);
    }

    @Override
    public String refusal() {
      return "run="
          + runId
          + " seq="
          + seq
          + ": cannot record "
          + outcome.state()
          + ", the target is missing or already has an outcome";
    }
  }

  /** Skips a target that no request was sent for. */
  record RecordSkipped(String runId, int seq, String reason, Instant completedAt)
      implements Change {
    static final String SQL =
        "UPDATE rotor_target SET state = 'SKIPPED', reason = ?, completed_at = ?"
            + " WHERE run_id = ? AND seq = ? AND state = 'PENDING'";

    @Override
    public String sql() {
      return SQL;
    }

    @Override
    public void bind(PreparedStatement ps) throws SQLException {
      ps.setString(1, reason);
      Jdbc.setInstant(ps, 2, completedAt);
      ps.setString(3, runId);
      ps.setInt(4, seq);
    }

    @Override
    public String refusal() {
      return "run=" + runId + " seq=" + seq + ": cannot skip, the target is missing or not PENDING";
    }
  }

  /**
   * Puts an in-flight target back to pending after an attempt that certainly did not take effect
   * (Atlas refused it with a 429 or a 503, or the connection was never made), keeping what Atlas
   * answered as the target's detail.
   */
  record Requeue(
      String runId,
      int seq,
      @org.jspecify.annotations.Nullable Integer httpStatus,
      @org.jspecify.annotations.Nullable String errorCode,
      String detail)
      implements Change {
    static final String SQL =
        "UPDATE rotor_target SET state = 'PENDING', http_status = ?, error_code = ?, detail = ?"
            + " WHERE run_id = ? AND seq = ? AND state IN ('PENDING', 'IN_FLIGHT')";

    @Override
    public String sql() {
      return SQL;
    }

    @Override
    public void bind(PreparedStatement ps) throws SQLException {
      Jdbc.setInteger(ps, 1, httpStatus);
      Jdbc.setString(ps, 2, errorCode);
      ps.setString(3, detail);
      ps.setString(4, runId);
      ps.setInt(5, seq);
    }

    @Override
    public String refusal() {
      return "run=" + runId + " seq=" + seq + ": cannot requeue, the target already has an outcome";
    }
  }
}
