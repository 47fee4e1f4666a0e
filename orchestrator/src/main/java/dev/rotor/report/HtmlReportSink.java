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
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import org.jspecify.annotations.Nullable;

/**
 * Writes {@code report.html}: one self-contained, XHTML-compatible page that loads nothing from
 * anywhere (inline CSS, SVG and script only), so it opens offline years from now. The table lists
 * every identity provider, however many; the charts aggregate.
 */
final class HtmlReportSink implements ReportSink {
  private static final int INLINE_ORGS = 2_000;

  private final Writer out;

  HtmlReportSink(OutputStream out) {
    this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
  }

  @Override
  public void begin(ReportSummary summary) {
    RunRecord run = summary.run();
    write("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/>");
    write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>");
    write("<title>" + Html.escape("Rotor run " + run.runId() + " \u2014 " + run.planName()));
    write("</title><style>/*<![CDATA[*/" + HtmlAssets.CSS + "/*]]>*/</style></head><body>\n");
    write("<h1>" + Html.escape("Rotor run " + run.runId()) + "</h1>\n");
    writeFacts(summary);
    writeSummary(summary);
    writeCharts(summary);
    writeBlastRadius(summary);
    writeTableStart(summary);
  }

  private void writeFacts(ReportSummary summary) {
    RunRecord run = summary.run();
    write("<section><h2>Run</h2><table class=\"facts\"><tbody>");
    fact("Plan", run.planName());
    fact("Plan SHA-256", run.planSha256());
    fact("Plan file", run.planPath());
    fact("Run by", run.startedBy());
    fact("Node", run.ownerNode());
    fact("Reason", run.reason());
    fact("Started", Reports.time(run.startedAt()));
    fact("Finished", run.finishedAt() == null ? null : Reports.time(run.finishedAt()));
    fact("State", run.state().name());
    fact("Abort reason", run.abortReason());
    fact("Dry run", run.dryRun() ? "yes" : "no");
    fact("Rotor version", run.rotorVersion());
    if (summary.tenant() != null) {
      fact("Restricted to tenant", summary.tenant());
    }
    write("</tbody></table></section>\n");
  }

  private void fact(String name, @Nullable String value) {
    write("<tr><th>" + Html.escape(name) + "</th><td>");
    write(value == null ? "<span class=\"none\">\u2014</span>" : Html.escape(value));
    write("</td></tr>");
  }

  private void writeSummary(ReportSummary summary) {
    write("<section><h2>Summary</h2>");
    writeHeadline(summary);
    write("<table class=\"counts\" id=\"summary\"><thead><tr>");
    write("<th>Tenant</th><th>Total</th>");
    for (TargetState state : TargetState.values()) {
      write("<th>" + legend(state) + "</th>");
    }
    write("</tr></thead><tbody>");
    for (Map.Entry<String, Map<TargetState, Long>> tenant : summary.countsByTenant().entrySet()) {
      countsRow(tenant.getKey(), tenant.getValue(), "");
    }
    write("</tbody><tfoot>");
    countsRow("All tenants", summary.counts(), " class=\"all\"");
    write("</tfoot></table></section>\n");
  }

  private void writeHeadline(ReportSummary summary) {
    write("<p class=\"headline\"><b>" + summary.count(TargetState.REVOKED) + "</b> of ");
    write(summary.total() + " identity providers revoked \u00b7 <b>");
    write(summary.count(TargetState.FAILED) + "</b> failed \u00b7 <b>");
    write(summary.count(TargetState.UNKNOWN) + "</b> unknown \u00b7 <b>");
    write(summary.loggedOut().size() + "</b> organizations logged out</p>");
  }

  private void countsRow(String name, Map<TargetState, Long> counts, String attributes) {
    long total = counts.values().stream().mapToLong(Long::longValue).sum();
    write("<tr" + attributes + "><th>" + Html.escape(name) + "</th>");
    write("<td data-outcome=\"total\">" + total + "</td>");
    for (TargetState state : TargetState.values()) {
      write("<td data-outcome=\"" + state + "\">" + counts.getOrDefault(state, 0L) + "</td>");
    }
    write("</tr>");
  }

  private static String legend(TargetState state) {
    return "<span class=\"swatch\" style=\"background:"
        + Svg.colour(state)
        + "\"></span>"
        + state.name();
  }

  private void writeCharts(ReportSummary summary) {
    write("<section class=\"charts\"><h2>Charts</h2>");
    write("<figure><figcaption>Outcomes per tenant</figcaption>");
    write(Svg.outcomesPerTenant(summary.countsByTenant()));
    write("</figure><figure><figcaption>Revocations over time</figcaption>");
    write(Svg.revocationsOverTime(summary.revokedPerSecond()));
    write("</figure><figure><figcaption>Atlas latency distribution</figcaption>");
    write(Svg.latency(summary.latencyBuckets()));
    write("</figure></section>\n");
  }

  private void writeBlastRadius(ReportSummary summary) {
    write("<section><h2>Blast radius</h2>");
    organizations(
        "Organizations logged out",
        "logged-out",
        summary.loggedOut(),
        "their users were logged out");
    organizations(
        "Organizations possibly logged out",
        "possibly-logged-out",
        summary.possiblyLoggedOut(),
        "the outcome of a revocation is not known");
    write("</section>\n");
  }

  private void organizations(String title, String id, SortedSet<String> orgs, String why) {
    write("<h3>" + title + ": <span id=\"" + id + "\">" + orgs.size() + "</span></h3>");
    if (orgs.isEmpty()) {
      write("<p class=\"none\">None.</p>");
      return;
    }
    write("<p class=\"note\">" + Html.escape(why) + ".</p><p class=\"orgs\">");
    int shown = 0;
    for (String org : orgs) {
      if (shown++ == INLINE_ORGS) {
        write("\u2026 and " + (orgs.size() - INLINE_ORGS) + " more (see report.json)");
        break;
      }
      write("<code>" + Html.escape(org) + "</code> ");
    }
    write("</p>");
  }

  private void writeTableStart(ReportSummary summary) {
    write("<section><h2>Identity providers</h2><div class=\"controls\">");
    write("<label>Tenant <select id=\"f-tenant\"><option value=\"\">all</option>");
    for (String tenant : summary.countsByTenant().keySet()) {
      String t = Html.escape(tenant);
      write("<option value=\"" + t + "\">" + t + "</option>");
    }
    write("</select></label> <label>Outcome <select id=\"f-outcome\">");
    write("<option value=\"\">all</option>");
    for (TargetState state : TargetState.values()) {
      write("<option value=\"" + state + "\">" + state + "</option>");
    }
    write("</select></label> <span id=\"f-count\">" + summary.total() + " shown</span></div>\n");
    write("<div class=\"wide\"><table id=\"targets\"><thead><tr>");
    for (String column : ReportEntry.COLUMNS) {
      write("<th>" + Html.escape(column) + "</th>");
    }
    write("</tr></thead><tbody>\n");
  }

  @Override
  public void entry(ReportEntry entry) {
    write("<tr data-tenant=\"" + Html.escape(entry.tenant()) + "\" data-outcome=\"");
    write(entry.outcome().name() + "\">");
    List<@Nullable String> cells = entry.cells();
    for (int i = 0; i < cells.size(); i++) {
      String cell = cells.get(i);
      if (i == 6) {
        write("<td class=\"outcome o-" + entry.outcome() + "\">" + Html.escape(cell) + "</td>");
      } else {
        write("<td>" + Html.escape(cell) + "</td>");
      }
    }
    write("</tr>\n");
  }

  @Override
  public void end() {
    write("</tbody></table></div></section>\n");
    write(
        "<footer>Written by Rotor from its journal. Integrity: manifest.json lists the SHA-256 of");
    write(" every file of this folder and manifest.sig signs it (rotor report verify).</footer>\n");
    write("<script>//<![CDATA[\n" + HtmlAssets.SCRIPT + "\n//]]></script>\n</body></html>\n");
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void write(String text) {
    try {
      out.write(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
