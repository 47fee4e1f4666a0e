package dev.rotor.journal;

import dev.rotor.config.StoreSettings;
import java.time.Instant;

/**
 * Writes intents and outcomes through a {@link JournalWriter} and prints each one as soon as its
 * future completes, without end, until the test kills this process; another thread keeps writing
 * heartbeats to the same database meanwhile, as a running engine does.
 */
public final class CrashingWriterMain {
  private CrashingWriterMain() {}

  /** Runs against the H2 URL in {@code args[0]}. */
  public static void main(String[] args) {
    Journal journal = Journal.open(new StoreSettings(args[0], "rotor", null, 4));
    journal.createRun(Fixtures.run("run-kill", Fixtures.T0));
    journal.addTargets("run-kill", Fixtures.targets(5_000));
    JournalWriter writer = JournalWriter.start(journal);
    Thread beats = new Thread(() -> heartbeats(journal), "heartbeats");
    beats.setDaemon(true);
    beats.start();
    Instant at = Instant.parse("2026-12-03T18:00:00Z");
    for (int seq = 1; ; seq++) {
      writer.markInFlight("run-kill", seq, at).join();
      System.out.println("intent " + seq);
      writer.recordOutcome("run-kill", seq, Outcome.revoked(204, "evt", at, 1)).join();
      System.out.println("outcome " + seq);
    }
  }

  /** Writes to the same database from another thread, as the engine's heartbeat does. */
  private static void heartbeats(Journal journal) {
    Instant at = Instant.parse("2026-12-03T18:00:00Z");
    for (long i = 0; ; i++) {
      journal.heartbeat("run-kill", "node-a", at.plusMillis(i));
    }
  }
}
