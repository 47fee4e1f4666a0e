package dev.rotor.journal;

import static dev.rotor.journal.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rotor.config.StoreSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures the group-commit writer on an H2 file, as the engine drives it: many workers, each
 * waiting for its intent's commit before "sending" and for its outcome's commit before counting. It
 * prints the figure rather than asserting it, since the machine is shared.
 */
class JournalWriterThroughputTest {
  private static final int WORKERS = 64;
  private static final int TARGETS = 16_000;

  @TempDir Path dir;

  @Test
  void measureIntentsAndOutcomesPerSecond() throws Exception {
    StoreSettings settings =
        new StoreSettings(
            "jdbc:h2:file:" + dir.resolve("rotor").toAbsolutePath(), "rotor", null, 8);
    try (Journal journal = Journal.open(settings)) {
      report("H2 file", journal);
    }
  }

  /** Drives a writer on {@code journal} and prints how many writes per second it committed. */
  static void report(String store, Journal journal) throws Exception {
    journal.createRun(Fixtures.run("run-t", T0));
    journal.addTargets("run-t", Fixtures.targets(TARGETS));

    long start = System.nanoTime();
    try (JournalWriter writer = JournalWriter.start(journal)) {
      drive(writer);
    }
    double seconds = (System.nanoTime() - start) / 1e9;

    assertThat(journal.countsByState("run-t")).containsEntry(TargetState.REVOKED, (long) TARGETS);
    System.out.printf(
        "JournalWriter on %s: %d intents + %d outcomes by %d workers in %.2f s = %.0f writes/s%n",
        store, TARGETS, TARGETS, WORKERS, seconds, 2 * TARGETS / seconds);
  }

  private static void drive(JournalWriter writer) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int w = 0; w < WORKERS; w++) {
        int worker = w;
        workers.add(pool.submit(() -> revokeEveryNth(writer, worker)));
      }
      for (Future<?> future : workers) {
        future.get(2, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdown();
    }
  }

  private static void revokeEveryNth(JournalWriter writer, int worker) {
    for (int seq = worker + 1; seq <= TARGETS; seq += WORKERS) {
      writer.markInFlight("run-t", seq, T0).join();
      writer.recordOutcome("run-t", seq, Outcome.revoked(204, "evt", T0, 1)).join();
    }
  }
}
