package dev.rotor.report;

import java.util.Locale;

/** Names the formats of a run report and the file each is written to. */
public enum ReportFormat {
  /** The source of every other format, described by {@code report.schema.json}. */
  JSON("report.json"),
  /** One row per identity provider, for a spreadsheet. */
  CSV("report.csv"),
  /** One self-contained page with charts and a filterable table. */
  HTML("report.html"),
  /** The summary and the failed or unknown identity providers, for a ticket or a chat. */
  MARKDOWN("report.md");

  private final String fileName;

  ReportFormat(String fileName) {
    this.fileName = fileName;
  }

  /** Returns the name of the file this format is written to in a run folder. */
  public String fileName() {
    return fileName;
  }

  /** Returns the format named {@code json}, {@code csv}, {@code html} or {@code md}. */
  public static ReportFormat parse(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "json" -> JSON;
      case "csv" -> CSV;
      case "html" -> HTML;
      case "md", "markdown" -> MARKDOWN;
      default ->
          throw new IllegalArgumentException(
              "Unknown report format '" + name + "' (expected json, csv, html or md)");
    };
  }
}
