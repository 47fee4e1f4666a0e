package dev.rotor.schedule;

import dev.rotor.config.RotorConfig;
import dev.rotor.journal.Journal;
import dev.rotor.report.ReportWriter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;

/**
 * What a daemon is built from besides its configuration: how runs are launched (the engine, or a
 * double in tests), how reports are written, the clock, and the timings tests shorten.
 */
record Wiring(Launchers launchers, ReportSink reports, Clock clock, Tuning tuning) {

  /** Returns the production wiring: the engine, the system clock, the default timings. */
  static Wiring production() {
    return new Wiring(
        EngineLauncher::create, ReportWriter::writeAll, Clock.systemUTC(), Tuning.defaults());
  }

  /** Creates the launcher of a daemon. */
  @FunctionalInterface
  interface Launchers {
    RunLauncher create(
        RotorConfig config, Journal journal, MeterRegistry registry, String nodeId, Clock clock);
  }
}
