package dev.rotor.report;

import dev.rotor.journal.RunState;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A run report as read back from {@code report.json}, whatever schema version wrote it, in the
 * shape of the current version.
 *
 * @param tenant the only tenant reported on, or null for the whole run
 * @param counts the number of targets per outcome name, and {@code total}
 * @param countsByTenant the same per tenant
 */
public record RunReport(
    int schemaVersion,
    String runId,
    String planName,
    String planSha256,
    String planPath,
    String rotorVersion,
    String startedBy,
    @Nullable String node,
    @Nullable String reason,
    boolean dryRun,
    String startedAt,
    @Nullable String finishedAt,
    RunState state,
    @Nullable String abortReason,
    @Nullable String tenant,
    Map<String, Long> counts,
    Map<String, Map<String, Long>> countsByTenant,
    BlastRadius blastRadius,
    List<ReportEntry> targets) {

  /** Copies the collections. */
  public RunReport {
    counts = Map.copyOf(counts);
    countsByTenant = Map.copyOf(countsByTenant);
    targets = List.copyOf(targets);
  }

  /** Lists the organizations logged out for sure, and those possibly logged out. */
  public record BlastRadius(
      List<String> organizationsLoggedOut, List<String> organizationsPossiblyLoggedOut) {

    /** Copies the lists. */
    public BlastRadius {
      organizationsLoggedOut = List.copyOf(organizationsLoggedOut);
      organizationsPossiblyLoggedOut = List.copyOf(organizationsPossiblyLoggedOut);
    }
  }
}
