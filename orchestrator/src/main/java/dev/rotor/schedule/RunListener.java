package dev.rotor.schedule;

import dev.rotor.engine.RunResult;
import dev.rotor.plan.Plan;

/** Hears of every run the daemon ends, to write its report and notify. */
interface RunListener {

  /** Called once the run has ended in the journal; must not throw. */
  void ended(Plan plan, RunResult result);

  /** Called when the engine failed the run with an error instead of a result; must not throw. */
  void failed(Plan plan, String runId, Throwable error);
}
