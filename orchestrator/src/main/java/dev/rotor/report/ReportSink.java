package dev.rotor.report;

/**
 * Writes one format of a report as its entries stream by: the summary first, then each entry in
 * sequence order, then the end. A sink never holds the entries it has written.
 */
interface ReportSink {

  /** Writes what comes before the entries. */
  void begin(ReportSummary summary);

  /** Writes one entry. */
  void entry(ReportEntry entry);

  /** Writes what comes after the entries and flushes, leaving the stream open. */
  void end();
}
