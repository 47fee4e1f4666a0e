package dev.rotor.schedule;

import dev.rotor.journal.Journal;

/** Writes the report of a run that ended, from the journal, into the run's report folder. */
@FunctionalInterface
public interface ReportSink {

  /** Writes every report of run {@code runId}; blocks. */
  void write(Journal journal, String runId);
}
