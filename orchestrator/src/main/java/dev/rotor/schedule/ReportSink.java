package dev.rotor.schedule;

import dev.rotor.config.RotorConfig;
import dev.rotor.journal.Journal;
import java.nio.file.Path;

/** Writes the reports of a run that ended, from the journal; the report writer in production. */
@FunctionalInterface
interface ReportSink {

  /** Writes every report of run {@code runId} and returns their folder; blocks. */
  Path write(Journal journal, String runId, RotorConfig config);
}
