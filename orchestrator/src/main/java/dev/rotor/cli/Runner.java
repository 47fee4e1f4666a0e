package dev.rotor.cli;

import dev.rotor.engine.Progress;
import dev.rotor.engine.RunControl;
import dev.rotor.engine.RunResult;
import dev.rotor.journal.RunState;
import dev.rotor.journal.TargetState;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.BiFunction;
import reactor.core.publisher.Mono;

/**
 * Drives one run from the command line: shows its progress, turns signals into a clean stop, writes
 * the reports however the run ends, prints the summary and returns the exit code.
 */
final class Runner {
  private Runner() {}

  static int drive(
      Session session,
      PrintWriter out,
      PrintWriter err,
      BiFunction<RunControl, Progress, Mono<RunResult>> run) {
    RunControl control = new RunControl();
    Progress progress = new Progress(Instant.now());
    try (Signals signals = Signals.install(control, session.config().engine().drainTimeout())) {
      RunResult result;
      try (ProgressDisplay display = ProgressDisplay.start(progress, err)) {
        result = run.apply(control, progress).block();
      }
      Path reports = session.writeReports(result.runId());
      summary(result, reports, out);
      int code = exitCode(result.state());
      signals.finished(code);
      return code;
    }
  }

  private static void summary(RunResult result, Path reports, PrintWriter out) {
    out.println("Run " + result.runId() + ": " + result.state());
    if (result.stopReason() != null) {
      out.println("  stopped: " + result.stopReason().describe());
    }
    for (TargetState state : TargetState.values()) {
      long count = result.count(state);
      if (count > 0) {
        out.printf("  %-9s %d%n", state, count);
      }
    }
    if (reports != null) {
      out.println("Report: " + reports.resolve("report.json"));
    }
    if (result.count(TargetState.PENDING) + result.count(TargetState.IN_FLIGHT) > 0) {
      out.println("Continue it with: rotor resume " + result.runId());
    }
    out.flush();
  }

  static int exitCode(RunState state) {
    return switch (state) {
      case COMPLETED -> ExitCodes.OK;
      case COMPLETED_WITH_FAILURES -> ExitCodes.INCOMPLETE;
      case ABORTED, INTERRUPTED, RUNNING -> ExitCodes.ABORTED;
    };
  }
}
