package dev.rotor.schedule;

import dev.rotor.config.RotorConfig;
import dev.rotor.engine.Progress;
import dev.rotor.engine.ResumeRequest;
import dev.rotor.engine.RunControl;
import dev.rotor.engine.RunRequest;
import dev.rotor.engine.RunResult;
import dev.rotor.journal.Journal;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import reactor.core.publisher.Mono;

/** Launches runs with the engine. */
final class EngineLauncher implements RunLauncher {
  /** The staleness the engine requires before it claims a run. */
  static final Duration STALE_AFTER = Duration.ofSeconds(30);

  private EngineLauncher() {}

  static RunLauncher create(
      RotorConfig config, Journal journal, MeterRegistry registry, String nodeId, Clock clock) {
    // Limitation: the engine has not landed on this branch yet; merge main to run plans.
    throw new UnsupportedOperationException("the engine has not landed on this branch yet");
  }

  @Override
  public Mono<RunResult> run(RunRequest request, RunControl control, Progress progress) {
    return Mono.error(new UnsupportedOperationException("no engine"));
  }

  @Override
  public Mono<RunResult> resume(ResumeRequest request, RunControl control, Progress progress) {
    return Mono.error(new UnsupportedOperationException("no engine"));
  }

  @Override
  public void close() {}
}
