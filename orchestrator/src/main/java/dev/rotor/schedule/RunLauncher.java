package dev.rotor.schedule;

import dev.rotor.engine.Progress;
import dev.rotor.engine.ResumeRequest;
import dev.rotor.engine.RunControl;
import dev.rotor.engine.RunRequest;
import dev.rotor.engine.RunResult;
import reactor.core.publisher.Mono;

/** Starts and resumes runs: the engine in production, a scripted double in tests. */
interface RunLauncher extends AutoCloseable {

  /** Runs a plan; the returned publisher completes when the run has ended in the journal. */
  Mono<RunResult> run(RunRequest request, RunControl control, Progress progress);

  /** Resumes a run from the journal, claiming it first. */
  Mono<RunResult> resume(ResumeRequest request, RunControl control, Progress progress);

  @Override
  void close();
}
