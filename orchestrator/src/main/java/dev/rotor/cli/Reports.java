package dev.rotor.cli;

import dev.rotor.config.RotorConfig;
import dev.rotor.journal.Journal;
import dev.rotor.report.ReportWriter;
import java.nio.file.Path;

/** Writes a run's reports when it ends, however it ended. */
final class Reports {
  private Reports() {}

  static Path write(Journal journal, String runId, RotorConfig config) {
    return ReportWriter.writeAll(journal, runId, config);
  }
}
