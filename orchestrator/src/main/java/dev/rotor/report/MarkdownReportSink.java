package dev.rotor.report;

import dev.rotor.journal.RunRecord;
import dev.rotor.journal.TargetState;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes {@code report.md}: the summary and the failed or unknown identity providers, short enough
 * for a ticket or a chat. Note that it lists at most {@link #MAX_LISTED} of them; the CSV has all.
 */
final class MarkdownReportSink implements ReportSink {
  static final int MAX_LISTED = 500;

  private final Writer out;
  private long listed;
  private long problems;

  MarkdownReportSink(OutputStream out) {
    this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
  }

  @Override
  public void begin(ReportSummary summary) {
    RunRecord run = summary.run();
    problems = summary.count(TargetState.FAILED) + summary.count(TargetState.UNKNOWN);
    line("# Rotor run " + cell(run.runId()) + " \u2014 " + cell(run.planName()));
    line("");
    writeFacts(summary);
    writeCounts(summary);
    writeBlastRadius(summary);
    line("## Failed or unknown identity providers: " + problems);
    line("");
    if (problems > 0) {
      line("| seq | tenant | identity provider | name | outcome | HTTP | errorCode | detail |");
      line("|---:|---|---|---|---|---:|---|---|");
    }
  }

  private void writeFacts(ReportSummary summary) {
    RunRecord run = summary.run();
    line("| | |");
    line("|---|---|");
    line("| Plan | " + cell(run.planName()) + " (SHA-256 `" + run.planSha256() + "`) |");
    line("| Run by | " + cell(run.startedBy()) + " on " + cell(run.ownerNode()) + " |");
    line("| Reason | " + cell(run.reason()) + " |");
    line("| Started | " + Reports.time(run.startedAt()) + " |");
    line("| Finished | " + (run.finishedAt() == null ? "" : Reports.time(run.finishedAt())) + " |");
    line(
        "| State | "
            + run.state()
            + cell(run.abortReason() == null ? "" : ": " + run.abortReason())
            + " |");
    line("| Dry run | " + (run.dryRun() ? "yes" : "no") + " |");
    if (summary.tenant() != null) {
      line("| Tenant | " + cell(summary.tenant()) + " |");
    }
    line("");
  }

  private void writeCounts(ReportSummary summary) {
    line("## Outcomes");
    line("");
    StringBuilder header = new StringBuilder("| tenant | total |");
    StringBuilder rule = new StringBuilder("|---|---:|");
    for (TargetState state : TargetState.values()) {
      header.append(' ').append(state).append(" |");
      rule.append("---:|");
    }
    line(header.toString());
    line(rule.toString());
    for (Map.Entry<String, Map<TargetState, Long>> tenant : summary.countsByTenant().entrySet()) {
      countsRow(cell(tenant.getKey()), tenant.getValue());
    }
    countsRow("**all tenants**", summary.counts());
    line("");
  }

  private void countsRow(String name, Map<TargetState, Long> counts) {
    StringBuilder row = new StringBuilder("| ").append(name).append(" | ");
    row.append(counts.values().stream().mapToLong(Long::longValue).sum()).append(" |");
    for (TargetState state : TargetState.values()) {
      row.append(' ').append(counts.getOrDefault(state, 0L)).append(" |");
    }
    line(row.toString());
  }

  private void writeBlastRadius(ReportSummary summary) {
    line("## Blast radius");
    line("");
    line("- Organizations logged out: " + summary.loggedOut().size());
    line(
        "- Organizations possibly logged out (unknown outcome): "
            + summary.possiblyLoggedOut().size());
    line("");
  }

  @Override
  public void entry(ReportEntry e) {
    if (e.outcome() != TargetState.FAILED && e.outcome() != TargetState.UNKNOWN) {
      return;
    }
    if (listed++ >= MAX_LISTED) {
      return;
    }
    line(
        "| "
            + e.seq()
            + " | "
            + cell(e.tenant())
            + " | "
            + cell(e.federationSettingsId() + "/" + e.identityProviderId())
            + " | "
            + cell(e.displayName())
            + " | "
            + e.outcome()
            + " | "
            + (e.httpStatus() == null ? "" : e.httpStatus())
            + " | "
            + cell(e.errorCode())
            + " | "
            + cell(e.detail() != null ? e.detail() : e.reason())
            + " |");
  }

  @Override
  public void end() {
    if (problems > MAX_LISTED) {
      line("");
      line("\u2026 and " + (problems - MAX_LISTED) + " more: see report.csv.");
    }
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns {@code text} safe inside a Markdown table cell: one line, no markup. */
  static String cell(@Nullable String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\n', '\r', '\t' -> out.append(' ');
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '|', '\\', '`', '*', '_', '[', ']', '#', '!' -> out.append('\\').append(c);
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private void line(String text) {
    try {
      out.write(text);
      out.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
