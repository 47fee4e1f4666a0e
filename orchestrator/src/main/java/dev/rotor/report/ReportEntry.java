package dev.rotor.report;

import dev.rotor.journal.TargetRecord;
import dev.rotor.journal.TargetState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Describes what happened to one identity provider of a run: one entry of {@code report.json}, one
 * row of the CSV and of the HTML table.
 *
 * @param organizationIds the organizations whose users the revocation logs out
 * @param evidenceEventId the Atlas event that confirms the revocation
 * @param duplicateOf the target that this one duplicates, when one IdP was selected twice
 * @param note a remark such as "also selected by tenant globex"
 */
public record ReportEntry(
    int seq,
    String tenant,
    String federationSettingsId,
    String identityProviderId,
    @Nullable String displayName,
    @Nullable String idpType,
    TargetState outcome,
    @Nullable Integer httpStatus,
    @Nullable String errorCode,
    @Nullable String detail,
    @Nullable String reason,
    int attempts,
    @Nullable Instant firstAttemptAt,
    @Nullable Instant completedAt,
    @Nullable Long latencyMs,
    List<String> organizationIds,
    @Nullable String evidenceEventId,
    @Nullable String duplicateOf,
    @Nullable String note) {

  /** The names of the fields, in the order of the CSV columns and of the JSON entry. */
  public static final List<String> COLUMNS =
      List.of(
          "seq",
          "tenant",
          "federationSettingsId",
          "identityProviderId",
          "displayName",
          "idpType",
          "outcome",
          "httpStatus",
          "errorCode",
          "detail",
          "reason",
          "attempts",
          "firstAttemptAt",
          "completedAt",
          "latencyMs",
          "organizationIds",
          "evidenceEventId",
          "duplicateOf",
          "note");

  /** Separates organization ids inside one CSV cell or HTML cell. */
  public static final String ORG_SEPARATOR = ";";

  /** Copies the organization ids. */
  public ReportEntry {
    organizationIds = List.copyOf(organizationIds);
  }

  /** Returns the entry of a journaled target. */
  public static ReportEntry of(TargetRecord target) {
    return new ReportEntry(
        target.seq(),
        target.tenant(),
        target.federationSettingsId(),
        target.identityProviderId(),
        target.displayName(),
        target.idpType(),
        target.state(),
        target.httpStatus(),
        target.errorCode(),
        target.detail(),
        target.reason(),
        target.attempts(),
        target.firstAttemptAt(),
        target.completedAt(),
        target.latencyMs(),
        target.organizationIds(),
        target.evidence(),
        target.duplicateOf(),
        target.note());
  }

  /** Returns the fields as text in {@link #COLUMNS} order, null where a field has no value. */
  public List<@Nullable String> cells() {
    List<@Nullable String> cells = new ArrayList<>(COLUMNS.size());
    cells.add(Integer.toString(seq));
    cells.add(tenant);
    cells.add(federationSettingsId);
    cells.add(identityProviderId);
    cells.add(displayName);
    cells.add(idpType);
    cells.add(outcome.name());
    cells.add(text(httpStatus));
    cells.add(errorCode);
    cells.add(detail);
    cells.add(reason);
    cells.add(Integer.toString(attempts));
    cells.add(text(firstAttemptAt));
    cells.add(text(completedAt));
    cells.add(text(latencyMs));
    cells.add(String.join(ORG_SEPARATOR, organizationIds));
    cells.add(evidenceEventId);
    cells.add(duplicateOf);
    cells.add(note);
    return cells;
  }

  private static @Nullable String text(@Nullable Object value) {
    return value == null ? null : value.toString();
  }
}
