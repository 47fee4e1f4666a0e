package dev.rotor.schedule;

import dev.rotor.engine.Progress;
import dev.rotor.engine.ResumeRequest;
import dev.rotor.engine.RunControl;
import dev.rotor.engine.RunRequest;
import dev.rotor.engine.RunResult;
import dev.rotor.input.InvalidInputException;
import dev.rotor.input.Problem;
import dev.rotor.journal.Journal;
import dev.rotor.journal.Outcome;
import dev.rotor.journal.RunIds;
import dev.rotor.journal.RunRecord;
import dev.rotor.journal.RunState;
import dev.rotor.journal.TargetRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Stands in for the engine: records a run with one target in the journal, revokes it, and ends the
 * run; a run waits at the gate while the test holds it, and stops when its control is stopped.
 */
final class FakeLauncher implements RunLauncher {
  final List<String> started = new CopyOnWriteArrayList<>();
  final List<String> resumed = new CopyOnWriteArrayList<>();
  final List<RunControl> controls = new CopyOnWriteArrayList<>();
  final AtomicInteger running = new AtomicInteger();
  final AtomicInteger mostAtOnce = new AtomicInteger();
  private final AtomicReference<CompletableFuture<Void>> gate =
      new AtomicReference<>(CompletableFuture.completedFuture(null));
  private final Journal journal;
  private final String nodeId;
  private final Clock clock;

  FakeLauncher(Journal journal, String nodeId, Clock clock) {
    this.journal = journal;
    this.nodeId = nodeId;
    this.clock = clock;
  }

  /** Makes the next runs wait until {@link #release()}. */
  void hold() {
    gate.set(new CompletableFuture<>());
  }

  /** Lets every waiting run finish, and the next ones too. */
  void release() {
    gate.get().complete(null);
  }

  @Override
  public Mono<RunResult> run(RunRequest request, RunControl control, Progress progress) {
    return Mono.fromCallable(() -> create(request))
        .subscribeOn(Schedulers.boundedElastic())
        .flatMap(runId -> work(runId, control));
  }

  private String create(RunRequest request) {
    Instant now = clock.instant();
    String runId = RunIds.next(now);
    journal.createRun(
        RunRecord.started(
            runId,
            request.plan().name(),
            request.plan().sha256(),
            request.plan().source().toString(),
            "test",
            request.startedBy(),
            request.reason(),
            now,
            false,
            nodeId));
    String tenant = request.plan().tenants().get(0).name();
    journal.addTargets(
        runId,
        List.of(
            TargetRecord.pending(
                1,
                tenant,
                "f".repeat(24),
                "a".repeat(24),
                "idp",
                "WORKFORCE",
                List.of("o".repeat(24)))));
    started.add(request.plan().name());
    return runId;
  }

  @Override
  public Mono<RunResult> resume(ResumeRequest request, RunControl control, Progress progress) {
    return Mono.fromCallable(() -> claim(request.runId()))
        .subscribeOn(Schedulers.boundedElastic())
        .flatMap(runId -> work(runId, control));
  }

  private String claim(String runId) {
    Instant now = clock.instant();
    if (!journal.claimRun(runId, nodeId, now.minusSeconds(1), now)) {
      throw new InvalidInputException(
          List.of(new Problem("journal", 0, 0, "", "claimed elsewhere")));
    }
    resumed.add(runId);
    return runId;
  }

  private Mono<RunResult> work(String runId, RunControl control) {
    controls.add(control);
    mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
    Mono<Void> wait =
        Mono.firstWithSignal(
            Mono.fromFuture(gate.get()),
            Flux.interval(Duration.ofMillis(20)).filter(t -> control.stopped()).next().then());
    return wait.then(
            Mono.fromCallable(() -> end(runId, control)).subscribeOn(Schedulers.boundedElastic()))
        .doFinally(s -> running.decrementAndGet());
  }

  private RunResult end(String runId, RunControl control) {
    Instant now = clock.instant();
    if (control.stopped()) {
      journal.finishRun(runId, RunState.INTERRUPTED, now, control.reason().describe());
      return new RunResult(
          runId, RunState.INTERRUPTED, journal.countsByState(runId), control.reason());
    }
    journal.markInFlight(runId, 1, now);
    journal.recordOutcome(runId, 1, Outcome.revoked(204, "event", now, 5));
    journal.finishRun(runId, RunState.COMPLETED, now, null);
    return new RunResult(runId, RunState.COMPLETED, journal.countsByState(runId), null);
  }

  @Override
  public void close() {
    release();
  }
}
