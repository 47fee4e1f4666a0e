package dev.rotor.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotor.config.StoreSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunQueriesTest {
  @TempDir Path dir;

  @Test
  void countsRunsByStateAndListsTheRunsOfOneState() {
    var settings = new StoreSettings("jdbc:h2:file:" + dir.resolve("j"), "rotor", null, 2);
    try (Journal journal = Journal.open(settings)) {
      journal.createRun(Fixtures.run("run-a", Fixtures.T0));
      journal.createRun(Fixtures.run("run-b", Fixtures.T0.plusSeconds(1)));
      journal.createRun(Fixtures.run("run-c", Fixtures.T0.plusSeconds(2)));
      journal.finishRun("run-a", RunState.INTERRUPTED, Fixtures.T0.plusSeconds(5), "signal");
      journal.finishRun("run-c", RunState.INTERRUPTED, Fixtures.T0.plusSeconds(6), "signal");

      assertThat(journal.countRunsByState())
          .containsEntry(RunState.INTERRUPTED, 2L)
          .containsEntry(RunState.RUNNING, 1L)
          .containsEntry(RunState.COMPLETED, 0L);
      assertThat(journal.runsInState(RunState.INTERRUPTED))
          .extracting(RunRecord::runId)
          .containsExactly("run-a", "run-c");
    }
  }
}
