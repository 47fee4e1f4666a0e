package dev.rotor.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotor.config.StoreSettings;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reactor interrupts a cancelled worker and Quartz interrupts its threads when it stops; an
 * interrupt during a write must not close the embedded database for the whole process.
 */
class InterruptSafeStoreTest {
  @TempDir Path dir;

  @Test
  void aWriteFromAnInterruptedThreadLeavesTheJournalOpen() throws Exception {
    var settings = new StoreSettings("jdbc:h2:file:" + dir.resolve("j"), "rotor", null, 2);
    try (Journal journal = Journal.open(settings)) {
      AtomicReference<Throwable> failure = new AtomicReference<>();
      Thread writer =
          new Thread(
              () -> {
                Thread.currentThread().interrupt();
                try {
                  journal.createRun(Fixtures.run("run-interrupted", Fixtures.T0));
                } catch (RuntimeException e) {
                  failure.set(e);
                }
              });
      writer.start();
      writer.join();

      journal.createRun(Fixtures.run("run-after", Fixtures.T0));
      assertThat(journal.findRun("run-after")).isPresent();
    }
  }

  @Test
  void readsH2FilesThroughTheAsynchronousFileSystemOnly() {
    assertThat(Store.interruptSafe("jdbc:h2:file:./data/rotor;AUTO_SERVER=TRUE"))
        .isEqualTo("jdbc:h2:file:async:./data/rotor;AUTO_SERVER=TRUE");
    assertThat(Store.interruptSafe("jdbc:h2:file:async:./data/rotor"))
        .isEqualTo("jdbc:h2:file:async:./data/rotor");
    assertThat(Store.interruptSafe("jdbc:postgresql://db/rotor"))
        .isEqualTo("jdbc:postgresql://db/rotor");
    assertThat(Store.interruptSafe("jdbc:h2:mem:test")).isEqualTo("jdbc:h2:mem:test");
  }
}
