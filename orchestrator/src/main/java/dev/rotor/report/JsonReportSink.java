package dev.rotor.report;

import dev.rotor.journal.RunRecord;
import dev.rotor.journal.TargetState;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;

/** Writes {@code report.json} with Jackson's streaming generator, one entry at a time. */
final class JsonReportSink implements ReportSink {
  /** The version of the report's schema that this Rotor writes. */
  static final int SCHEMA_VERSION = 1;

  private final JsonGenerator json;

  JsonReportSink(OutputStream out) {
    this.json = Reports.JSON.writerWithDefaultPrettyPrinter().createGenerator(out);
  }

  @Override
  public void begin(ReportSummary summary) {
    json.writeStartObject();
    json.writeNumberProperty("schemaVersion", SCHEMA_VERSION);
    writeRun(summary.run());
    string("tenant", summary.tenant());
    json.writeName("counts");
    writeCounts(summary.counts());
    writeCountsByTenant(summary.countsByTenant());
    writeBlastRadius(summary);
    json.writeArrayPropertyStart("targets");
  }

  private void writeRun(RunRecord run) {
    json.writeStringProperty("runId", run.runId());
    json.writeStringProperty("planName", run.planName());
    json.writeStringProperty("planSha256", run.planSha256());
    json.writeStringProperty("planPath", run.planPath());
    json.writeStringProperty("rotorVersion", run.rotorVersion());
    json.writeStringProperty("startedBy", run.startedBy());
    string("node", run.ownerNode());
    string("reason", run.reason());
    json.writeBooleanProperty("dryRun", run.dryRun());
    time("startedAt", run.startedAt());
    time("finishedAt", run.finishedAt());
    json.writeStringProperty("state", run.state().name());
    string("abortReason", run.abortReason());
  }

  private void writeCounts(Map<TargetState, Long> counts) {
    json.writeStartObject();
    json.writeNumberProperty("total", counts.values().stream().mapToLong(Long::longValue).sum());
    for (TargetState state : TargetState.values()) {
      json.writeNumberProperty(state.name(), counts.getOrDefault(state, 0L));
    }
    json.writeEndObject();
  }

  private void writeCountsByTenant(Map<String, Map<TargetState, Long>> byTenant) {
    json.writeName("countsByTenant");
    json.writeStartObject();
    for (Map.Entry<String, Map<TargetState, Long>> tenant : byTenant.entrySet()) {
      json.writeName(tenant.getKey());
      writeCounts(tenant.getValue());
    }
    json.writeEndObject();
  }

  private void writeBlastRadius(ReportSummary summary) {
    json.writeName("blastRadius");
    json.writeStartObject();
    json.writeNumberProperty("organizationsLoggedOutCount", summary.loggedOut().size());
    strings("organizationsLoggedOut", summary.loggedOut());
    json.writeNumberProperty(
        "organizationsPossiblyLoggedOutCount", summary.possiblyLoggedOut().size());
    strings("organizationsPossiblyLoggedOut", summary.possiblyLoggedOut());
    json.writeEndObject();
  }

  @Override
  public void entry(ReportEntry e) {
    json.writeStartObject();
    json.writeNumberProperty("seq", e.seq());
    json.writeStringProperty("tenant", e.tenant());
    json.writeStringProperty("federationSettingsId", e.federationSettingsId());
    json.writeStringProperty("identityProviderId", e.identityProviderId());
    string("displayName", e.displayName());
    string("idpType", e.idpType());
    json.writeStringProperty("outcome", e.outcome().name());
    number("httpStatus", e.httpStatus() == null ? null : e.httpStatus().longValue());
    string("errorCode", e.errorCode());
    string("detail", e.detail());
    string("reason", e.reason());
    json.writeNumberProperty("attempts", e.attempts());
    time("firstAttemptAt", e.firstAttemptAt());
    time("completedAt", e.completedAt());
    number("latencyMs", e.latencyMs());
    strings("organizationIds", e.organizationIds());
    string("evidenceEventId", e.evidenceEventId());
    string("duplicateOf", e.duplicateOf());
    string("note", e.note());
    json.writeEndObject();
  }

  @Override
  public void end() {
    json.writeEndArray();
    json.writeEndObject();
    json.flush();
  }

  private void string(String name, @Nullable String value) {
    if (value == null) {
      json.writeNullProperty(name);
    } else {
      json.writeStringProperty(name, value);
    }
  }

  private void time(String name, @Nullable Instant value) {
    string(name, value == null ? null : Reports.time(value));
  }

  private void number(String name, @Nullable Long value) {
    if (value == null) {
      json.writeNullProperty(name);
    } else {
      json.writeNumberProperty(name, value);
    }
  }

  private void strings(String name, Collection<String> values) {
    json.writeArrayPropertyStart(name);
    for (String value : values) {
      json.writeString(value);
    }
    json.writeEndArray();
  }
}
