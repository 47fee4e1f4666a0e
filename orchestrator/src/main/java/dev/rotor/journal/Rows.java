package dev.rotor.journal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Names the columns of runs and targets, and turns rows into records and back. */
final class Rows {
  static final String RUN_COLUMNS =
      "run_id, plan_name, plan_sha256, plan_path, rotor_version, started_by, reason, started_at,"
          + " finished_at, state, abort_reason, dry_run, owner_node, heartbeat_at";

  static final String TARGET_COLUMNS =
      "seq, tenant, federation_settings_id, identity_provider_id, display_name, idp_type,"
          + " organization_ids, state, reason, attempts, http_status, error_code, detail,"
          + " first_attempt_at, attempt_started_at, completed_at, evidence, duplicate_of, note,"
          + " latency_ms";

  static final String INSERT_RUN =
      "INSERT INTO rotor_run (" + RUN_COLUMNS + ") VALUES (" + marks(14) + ")";

  static final String INSERT_TARGET =
      "INSERT INTO rotor_target (run_id, " + TARGET_COLUMNS + ") VALUES (" + marks(21) + ")";

  private Rows() {}

  /** Returns the run columns, each prefixed with {@code alias}. */
  static String runColumns(String alias) {
    return alias + "." + RUN_COLUMNS.replace(", ", ", " + alias + ".");
  }

  static void bindRun(PreparedStatement ps, RunRecord run) throws SQLException {
    ps.setString(1, run.runId());
    ps.setString(2, run.planName());
    ps.setString(3, run.planSha256());
    ps.setString(4, run.planPath());
    ps.setString(5, run.rotorVersion());
    ps.setString(6, run.startedBy());
    Jdbc.setString(ps, 7, run.reason());
    Jdbc.setInstant(ps, 8, run.startedAt());
    Jdbc.setInstant(ps, 9, run.finishedAt());
    ps.setString(10, run.state().name());
    Jdbc.setString(ps, 11, run.abortReason());
    ps.setBoolean(12, run.dryRun());
    Jdbc.setString(ps, 13, run.ownerNode());
    Jdbc.setInstant(ps, 14, run.heartbeatAt());
  }

  static RunRecord run(ResultSet rs) throws SQLException {
    return new RunRecord(
        rs.getString("run_id"),
        rs.getString("plan_name"),
        rs.getString("plan_sha256"),
        rs.getString("plan_path"),
        rs.getString("rotor_version"),
        rs.getString("started_by"),
        rs.getString("reason"),
        Jdbc.requireInstant(rs, "started_at"),
        Jdbc.getInstant(rs, "finished_at"),
        RunState.valueOf(rs.getString("state")),
        rs.getString("abort_reason"),
        rs.getBoolean("dry_run"),
        rs.getString("owner_node"),
        Jdbc.getInstant(rs, "heartbeat_at"));
  }

  static void bindTarget(PreparedStatement ps, String runId, TargetRecord t) throws SQLException {
    ps.setString(1, runId);
    ps.setInt(2, t.seq());
    ps.setString(3, t.tenant());
    ps.setString(4, t.federationSettingsId());
    ps.setString(5, t.identityProviderId());
    Jdbc.setString(ps, 6, t.displayName());
    Jdbc.setString(ps, 7, t.idpType());
    ps.setString(8, String.join(",", t.organizationIds()));
    ps.setString(9, t.state().name());
    Jdbc.setString(ps, 10, t.reason());
    ps.setInt(11, t.attempts());
    Jdbc.setInteger(ps, 12, t.httpStatus());
    Jdbc.setString(ps, 13, t.errorCode());
    Jdbc.setString(ps, 14, t.detail());
    Jdbc.setInstant(ps, 15, t.firstAttemptAt());
    Jdbc.setInstant(ps, 16, t.attemptStartedAt());
    Jdbc.setInstant(ps, 17, t.completedAt());
    Jdbc.setString(ps, 18, t.evidence());
    Jdbc.setString(ps, 19, t.duplicateOf());
    Jdbc.setString(ps, 20, t.note());
    Jdbc.setLong(ps, 21, t.latencyMs());
  }

  static TargetRecord target(ResultSet rs) throws SQLException {
    return new TargetRecord(
        rs.getInt("seq"),
        rs.getString("tenant"),
        rs.getString("federation_settings_id"),
        rs.getString("identity_provider_id"),
        rs.getString("display_name"),
        rs.getString("idp_type"),
        organizationIds(rs.getString("organization_ids")),
        TargetState.valueOf(rs.getString("state")),
        rs.getString("reason"),
        rs.getInt("attempts"),
        Jdbc.getInteger(rs, "http_status"),
        rs.getString("error_code"),
        rs.getString("detail"),
        Jdbc.getInstant(rs, "first_attempt_at"),
        Jdbc.getInstant(rs, "attempt_started_at"),
        Jdbc.getInstant(rs, "completed_at"),
        rs.getString("evidence"),
        rs.getString("duplicate_of"),
        rs.getString("note"),
        Jdbc.getLong(rs, "latency_ms"));
  }

  static Revocation revocation(ResultSet rs) throws SQLException {
    return new Revocation(
        rs.getString("federation_settings_id"),
        rs.getString("identity_provider_id"),
        rs.getString("tenant"),
        rs.getString("display_name"),
        rs.getString("run_id"),
        rs.getInt("seq"),
        Jdbc.requireInstant(rs, "completed_at"),
        rs.getString("evidence"));
  }

  private static List<String> organizationIds(@Nullable String joined) {
    return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
  }

  private static String marks(int count) {
    return String.join(", ", Collections.nCopies(count, "?"));
  }
}
