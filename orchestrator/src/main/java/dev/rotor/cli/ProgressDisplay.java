package dev.rotor.cli;

import dev.rotor.engine.Progress;
import dev.rotor.journal.TargetState;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * Shows a run's progress on stderr: a live bar redrawn in place on a terminal, or a log line every
 * few seconds when stderr goes to a file or a pipe.
 */
final class ProgressDisplay implements AutoCloseable {
  private static final int WIDTH = 30;

  private final Progress progress;
  private final PrintWriter err;
  private final boolean terminal;
  private final Disposable ticker;

  private ProgressDisplay(Progress progress, PrintWriter err, boolean terminal) {
    this.progress = progress;
    this.err = err;
    this.terminal = terminal;
    Duration every = terminal ? Duration.ofMillis(250) : Duration.ofSeconds(5);
    this.ticker = Flux.interval(every, every, Schedulers.single()).subscribe(tick -> show());
  }

  /** Starts showing {@code progress}; a terminal gets a bar, anything else log lines. */
  static ProgressDisplay start(Progress progress, PrintWriter err) {
    return new ProgressDisplay(progress, err, System.console() != null);
  }

  private void show() {
    Progress.Snapshot now = progress.snapshot(Instant.now());
    if (now.total() == 0) {
      return;
    }
    if (terminal) {
      err.print("\r" + bar(now) + " " + line(now) + "\u001b[K");
    } else {
      err.println("progress run=" + progress.runId() + " " + line(now));
    }
    err.flush();
  }

  private static String bar(Progress.Snapshot now) {
    int filled = (int) (WIDTH * now.done() / Math.max(1, now.total()));
    return "[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "]";
  }

  static String line(Progress.Snapshot now) {
    Duration eta = now.eta();
    return String.format(
        Locale.ROOT,
        "%d/%d done, %d revoked, %d failed, %d unknown, %d skipped, %.1f/s, ETA %s",
        now.done(),
        now.total(),
        now.count(TargetState.REVOKED) + now.count(TargetState.DRY_RUN),
        now.count(TargetState.FAILED),
        now.count(TargetState.UNKNOWN),
        now.count(TargetState.SKIPPED),
        now.rate(),
        eta == null ? "-" : format(eta));
  }

  static String format(Duration duration) {
    long seconds = duration.toSeconds();
    return seconds < 120 ? seconds + "s" : (seconds / 60) + "m" + (seconds % 60) + "s";
  }

  @Override
  public void close() {
    ticker.dispose();
    if (terminal) {
      show();
      err.println();
      err.flush();
    }
  }
}
