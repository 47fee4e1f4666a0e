package dev.rotor.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.dataformat.csv.CsvSchema;

/** Writes the revocation history as text, JSON, CSV or Markdown. */
public final class HistoryReport {
  private static final List<String> COLUMNS =
      List.of(
          "plan",
          "tenant",
          "federationSettingsId",
          "identityProviderId",
          "displayName",
          "lastRevokedAt",
          "runId",
          "interval",
          "status");

  private HistoryReport() {}

  /**
   * Writes {@code rows} to {@code out} in {@code format}: {@code text}, {@code json}, {@code csv}
   * or {@code md}.
   */
  public static void write(List<HistoryRow> rows, String format, Writer out) {
    try {
      switch (format.toLowerCase(Locale.ROOT)) {
        case "text" -> text(rows, out);
        case "json" -> Reports.JSON.writerWithDefaultPrettyPrinter().writeValue(out, maps(rows));
        case "csv" -> csv(rows, out);
        case "md", "markdown" -> markdown(rows, out);
        default ->
            throw new IllegalArgumentException(
                "Unknown history format '" + format + "' (expected text, json, csv or md)");
      }
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Map<String, @Nullable String>> maps(List<HistoryRow> rows) {
    List<Map<String, @Nullable String>> maps = new ArrayList<>(rows.size());
    for (HistoryRow row : rows) {
      List<@Nullable String> cells = cells(row);
      Map<String, @Nullable String> map = new LinkedHashMap<>();
      for (int i = 0; i < COLUMNS.size(); i++) {
        map.put(COLUMNS.get(i), cells.get(i));
      }
      maps.add(map);
    }
    return maps;
  }

  private static List<@Nullable String> cells(HistoryRow row) {
    List<@Nullable String> cells = new ArrayList<>();
    cells.add(row.planName());
    cells.add(row.tenant());
    cells.add(row.federationSettingsId());
    cells.add(row.identityProviderId());
    cells.add(row.displayName());
    cells.add(time(row.lastRevokedAt()));
    cells.add(row.runId());
    cells.add(duration(row.interval()));
    cells.add(row.status().name());
    return cells;
  }

  private static void csv(List<HistoryRow> rows, Writer out) {
    CsvSchema.Builder builder = CsvSchema.builder().setUseHeader(true).setNullValue("");
    COLUMNS.forEach(builder::addColumn);
    List<Map<String, @Nullable String>> maps = maps(rows);
    maps.forEach(m -> m.replaceAll((k, v) -> CsvReportSink.neutralise(v)));
    CsvReportSink.CSV.writer(builder.build()).writeValues(out).writeAll(maps).flush();
  }

  private static void text(List<HistoryRow> rows, Writer out) throws IOException {
    List<List<String>> table = new ArrayList<>();
    table.add(COLUMNS);
    rows.forEach(r -> table.add(cells(r).stream().map(c -> c == null ? "-" : oneLine(c)).toList()));
    int[] widths = new int[COLUMNS.size()];
    table.forEach(line -> widen(widths, line));
    for (List<String> line : table) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < line.size(); i++) {
        text.append(String.format("%-" + widths[i] + "s", line.get(i))).append("  ");
      }
      out.write(text.toString().stripTrailing() + "\n");
    }
    out.write(summary(rows) + "\n");
  }

  private static void widen(int[] widths, List<String> line) {
    for (int i = 0; i < line.size(); i++) {
      widths[i] = Math.max(widths[i], line.get(i).length());
    }
  }

  private static void markdown(List<HistoryRow> rows, Writer out) throws IOException {
    out.write("| " + String.join(" | ", COLUMNS) + " |\n");
    out.write("|" + "---|".repeat(COLUMNS.size()) + "\n");
    for (HistoryRow row : rows) {
      List<String> cells = cells(row).stream().map(MarkdownReportSink::cell).toList();
      out.write("| " + String.join(" | ", cells) + " |\n");
    }
    out.write("\n" + summary(rows) + "\n");
  }

  /** Returns a one-line count of rows per status. */
  static String summary(List<HistoryRow> rows) {
    Map<HistoryRow.Status, Long> counts = new java.util.EnumMap<>(HistoryRow.Status.class);
    for (HistoryRow.Status status : HistoryRow.Status.values()) {
      counts.put(status, 0L);
    }
    rows.forEach(r -> counts.merge(r.status(), 1L, Long::sum));
    return rows.size() + " identity providers: " + counts;
  }

  private static @Nullable String time(@Nullable Instant instant) {
    return instant == null ? null : Reports.time(instant);
  }

  private static @Nullable String duration(@Nullable Duration duration) {
    return duration == null ? null : duration.toString();
  }

  private static String oneLine(String text) {
    return text.replaceAll("\\p{Cntrl}", " ");
  }
}
