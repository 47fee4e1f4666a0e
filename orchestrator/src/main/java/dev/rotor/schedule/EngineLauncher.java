package dev.rotor.schedule;

import dev.rotor.atlas.AtlasClient;
import dev.rotor.config.RotorConfig;
import dev.rotor.engine.Engine;
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

/** Launches runs with the engine, on one Atlas client shared by every run of the daemon. */
final class EngineLauncher implements RunLauncher {
  /**
   * The shortest staleness after which the daemon claims a run from a silent node (three of the
   * engine's heartbeats); a shorter {@code daemon.staleRunAfter} is raised to it.
   */
  static final Duration STALE_AFTER = Engine.MIN_STALE_AFTER;

  private static final Duration SHUTDOWN = Duration.ofSeconds(10);

  private final Engine engine;
  private final AtlasClient atlas;

  private EngineLauncher(Engine engine, AtlasClient atlas) {
    this.engine = engine;
    this.atlas = atlas;
  }

  /** Creates the engine and its Atlas client, recording their meters in {@code registry}. */
  static RunLauncher create(
      RotorConfig config, Journal journal, MeterRegistry registry, String nodeId, Clock clock) {
    AtlasClient atlas = AtlasClient.create(config.atlas(), clock, registry);
    return new EngineLauncher(new Engine(config, journal, atlas, clock, registry, nodeId), atlas);
  }

  @Override
  public Mono<RunResult> run(RunRequest request, RunControl control, Progress progress) {
    return engine.run(request, control, progress);
  }

  @Override
  public Mono<RunResult> resume(ResumeRequest request, RunControl control, Progress progress) {
    return engine.resume(request, control, progress);
  }

  @Override
  public void close() {
    engine.close();
    atlas.shutdown(SHUTDOWN).block(SHUTDOWN.plusSeconds(1));
  }
}
