package dev.rotor.report;

import dev.rotor.journal.TargetState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Draws the charts of the HTML report as inline SVG. Each chart aggregates, so its size does not
 * grow with the run: at most {@link #MAX_TENANT_BARS} tenant bars and {@link #TIME_BUCKETS} time
 * buckets.
 */
final class Svg {
  static final int MAX_TENANT_BARS = 25;
  static final int TIME_BUCKETS = 48;
  private static final int WIDTH = 760;

  private Svg() {}

  /** Returns the fill colour of an outcome, shared by the charts and the legend. */
  static String colour(TargetState state) {
    return switch (state) {
      case REVOKED -> "#2e7d32";
      case FAILED -> "#c62828";
      case UNKNOWN -> "#ef6c00";
      case SKIPPED -> "#8d8d8d";
      case DRY_RUN -> "#1565c0";
      case IN_FLIGHT -> "#8e24aa";
      case PENDING -> "#cfcfcf";
    };
  }

  /** Draws one horizontal stacked bar per tenant, its segments the outcomes. */
  static String outcomesPerTenant(Map<String, Map<TargetState, Long>> byTenant) {
    List<Map.Entry<String, Map<TargetState, Long>>> rows = tenantRows(byTenant);
    long max = rows.stream().mapToLong(r -> total(r.getValue())).max().orElse(1L);
    int labelWidth = 170;
    int barHeight = 18;
    int height = rows.size() * (barHeight + 6) + 10;
    StringBuilder svg = open(WIDTH, height, "Outcomes per tenant");
    int y = 5;
    for (Map.Entry<String, Map<TargetState, Long>> row : rows) {
      svg.append(text(4, y + 13, "start", shorten(row.getKey(), 26)));
      double x = labelWidth;
      double scale = (WIDTH - labelWidth - 70) / (double) Math.max(max, 1);
      for (TargetState state : TargetState.values()) {
        long n = row.getValue().getOrDefault(state, 0L);
        if (n > 0) {
          double w = n * scale;
          svg.append(
              rect(x, y, w, barHeight, colour(state), row.getKey() + " " + state + ": " + n));
          x += w;
        }
      }
      svg.append(text(x + 4, y + 13, "start", Long.toString(total(row.getValue()))));
      y += barHeight + 6;
    }
    return svg.append("</svg>").toString();
  }

  private static List<Map.Entry<String, Map<TargetState, Long>>> tenantRows(
      Map<String, Map<TargetState, Long>> byTenant) {
    List<Map.Entry<String, Map<TargetState, Long>>> rows = new ArrayList<>(byTenant.entrySet());
    if (rows.size() <= MAX_TENANT_BARS) {
      return rows;
    }
    rows.sort((a, b) -> Long.compare(total(b.getValue()), total(a.getValue())));
    List<Map.Entry<String, Map<TargetState, Long>>> kept =
        new ArrayList<>(rows.subList(0, MAX_TENANT_BARS - 1));
    Map<TargetState, Long> others = SummaryCollector.zeroCounts();
    rows.subList(MAX_TENANT_BARS - 1, rows.size())
        .forEach(r -> r.getValue().forEach((s, n) -> others.merge(s, n, Long::sum)));
    kept.add(Map.entry((rows.size() - MAX_TENANT_BARS + 1) + " other tenants", others));
    return kept;
  }

  /** Draws how many revocations completed in each of up to {@link #TIME_BUCKETS} intervals. */
  static String revocationsOverTime(SortedMap<Long, Long> perSecond) {
    if (perSecond.isEmpty()) {
      return "<p class=\"empty\">No revocation completed.</p>";
    }
    long first = perSecond.firstKey();
    long span = perSecond.lastKey() - first + 1;
    long width = Math.max(1, (span + TIME_BUCKETS - 1) / TIME_BUCKETS);
    long[] buckets = new long[(int) ((span + width - 1) / width)];
    perSecond.forEach((second, n) -> buckets[(int) ((second - first) / width)] += n);
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < buckets.length; i++) {
      labels.add(Reports.time(Instant.ofEpochSecond(first + i * width)));
    }
    String caption =
        Reports.time(Instant.ofEpochSecond(first))
            + " to "
            + Reports.time(Instant.ofEpochSecond(first + buckets.length * width))
            + ", "
            + width
            + " s per bar";
    return columns("Revocations over time", buckets, labels, caption, colour(TargetState.REVOKED));
  }

  /** Draws how many attempts fell into each latency bucket. */
  static String latency(long[] buckets) {
    List<String> labels = new ArrayList<>();
    long previous = 0;
    for (long bound : ReportSummary.LATENCY_BOUNDS_MS) {
      labels.add(previous + "-" + bound + " ms");
      previous = bound;
    }
    labels.add("> " + previous + " ms");
    return columns("Atlas latency", buckets, labels, "latency of the last attempt", "#455a64");
  }

  private static String columns(
      String title, long[] values, List<String> labels, String caption, String fill) {
    int height = 190;
    int base = 150;
    long max = 1;
    for (long v : values) {
      max = Math.max(max, v);
    }
    double slot = (WIDTH - 60) / (double) values.length;
    StringBuilder svg = open(WIDTH, height, title);
    svg.append(text(4, 14, "start", "max " + max));
    for (int i = 0; i < values.length; i++) {
      double h = values[i] * 120.0 / max;
      double x = 50 + i * slot;
      svg.append(
          rect(x, base - h, Math.max(slot - 2, 1), h, fill, labels.get(i) + ": " + values[i]));
      if (values.length <= 12) {
        svg.append(text(x + slot / 2, base + 14, "middle", labels.get(i)));
      }
    }
    svg.append(line(48, base, WIDTH - 8, base));
    svg.append(text(WIDTH / 2.0, height - 8, "middle", caption));
    return svg.append("</svg>").toString();
  }

  private static StringBuilder open(int width, int height, String title) {
    return new StringBuilder()
        .append("<svg role=\"img\" width=\"")
        .append(width)
        .append("\" height=\"")
        .append(height)
        .append("\" viewBox=\"0 0 ")
        .append(width)
        .append(' ')
        .append(height)
        .append("\"><title>")
        .append(Html.escape(title))
        .append("</title>");
  }

  private static String rect(double x, double y, double w, double h, String fill, String tip) {
    return String.format(
        java.util.Locale.ROOT,
        "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s</title>"
            + "</rect>",
        x,
        y,
        w,
        h,
        fill,
        Html.escape(tip));
  }

  private static String text(double x, double y, String anchor, String content) {
    return String.format(
        java.util.Locale.ROOT,
        "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"11\">%s</text>",
        x,
        y,
        anchor,
        Html.escape(content));
  }

  private static String line(double x1, double y1, double x2, double y2) {
    return String.format(
        java.util.Locale.ROOT,
        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#555\"/>",
        x1,
        y1,
        x2,
        y2);
  }

  private static String shorten(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "\u2026";
  }

  private static long total(Map<TargetState, Long> counts) {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }
}
