package dev.rotor.schedule;

import dev.rotor.engine.Progress;
import dev.rotor.engine.ResumeRequest;
import dev.rotor.engine.RunControl;
import dev.rotor.engine.RunRequest;
import dev.rotor.engine.RunResult;
import dev.rotor.engine.StopReason;
import dev.rotor.input.InvalidInputException;
import dev.rotor.journal.Journal;
import dev.rotor.journal.RunRecord;
import dev.rotor.journal.RunState;
import dev.rotor.plan.Plan;
import dev.rotor.plan.PlanLoader;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Starts the runs Quartz fires and resumes the runs whose node died, never two runs of one plan at
 * once: a plan has at most one active run on this node, and a fire is skipped while the journal
 * holds a run of the plan that is still {@code RUNNING} anywhere (a stale one is resumed instead).
 *
 * <p>Only runs the scheduler started ({@code startedBy} {@code scheduler@...}) are resumed; a run
 * started from the command line is the operator's to resume.
 */
final class RunCoordinator implements AutoCloseable {
  static final String STARTED_BY_PREFIX = "scheduler@";
  private static final Logger log = LoggerFactory.getLogger(RunCoordinator.class);
  private static final Duration BLOCK_MARGIN = Duration.ofMinutes(5);
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final Journal journal;
  private final RunLauncher launcher;
  private final PlanCatalog catalog;
  private final RunListener listener;
  private final Clock clock;
  private final String nodeId;
  private final Duration staleAfter;
  private final Duration drainTimeout;
  private final MeterRegistry registry;
  private final Map<String, ActiveRun> active = new ConcurrentHashMap<>();
  private final Set<String> unresumable = ConcurrentHashMap.newKeySet();
  private final ExecutorService resumes =
      Executors.newCachedThreadPool(
          r -> {
            Thread thread = new Thread(r, "rotor-resume-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
          });
  private volatile boolean stopping;

  RunCoordinator(
      Journal journal,
      RunLauncher launcher,
      PlanCatalog catalog,
      RunListener listener,
      Clock clock,
      String nodeId,
      Duration staleAfter,
      Duration drainTimeout,
      MeterRegistry registry) {
    this.journal = journal;
    this.launcher = launcher;
    this.catalog = catalog;
    this.listener = listener;
    this.clock = clock;
    this.nodeId = nodeId;
    this.staleAfter = staleAfter;
    this.drainTimeout = drainTimeout;
    this.registry = registry;
  }

  /** Runs the plan read from {@code fileName}; blocks until the run ends. Quartz calls it. */
  void fire(String planName, String fileName, Instant scheduledAt) {
    Optional<Plan> plan = catalog.plan(fileName).filter(p -> p.name().equals(planName));
    if (stopping || plan.isEmpty()) {
      fired(planName, "skipped");
      log.warn(
          "plan={} fire at {} skipped: {}",
          planName,
          scheduledAt,
          stopping ? "stopping" : "no valid plan");
      return;
    }
    ActiveRun slot = new ActiveRun(new RunControl(), new Progress(clock.instant()));
    if (active.putIfAbsent(planName, slot) != null) {
      fired(planName, "skipped");
      log.info(
          "plan={} fire at {} skipped: a run of it is active on this node", planName, scheduledAt);
      return;
    }
    try {
      Optional<RunRecord> running = runningRunOf(planName);
      if (running.isPresent()) {
        fired(planName, "skipped");
        log.info(
            "plan={} fire at {} skipped: run={} is still running on node={}",
            planName,
            scheduledAt,
            running.get().runId(),
            running.get().ownerNode());
        return;
      }
      fired(planName, "started");
      RunRequest request =
          new RunRequest(
              plan.get(), false, false, STARTED_BY_PREFIX + nodeId, "scheduled at " + scheduledAt);
      await(
          plan.get(),
          "new",
          Mono.defer(() -> launcher.run(request, slot.control(), slot.progress())));
    } finally {
      release(planName, slot);
    }
  }

  /**
   * Resumes the runs whose owner stopped heartbeating, and the interrupted ones, each on its own
   * thread. The engine claims each run in the journal first, atomically: of two nodes resuming the
   * same run, one gets it and the other is refused.
   */
  void resumeStale() {
    if (stopping) {
      return;
    }
    Instant staleBefore = clock.instant().minus(staleAfter);
    for (RunRecord run : candidates(staleBefore)) {
      resume(run);
    }
  }

  private List<RunRecord> candidates(Instant staleBefore) {
    Map<String, RunRecord> runs = new LinkedHashMap<>();
    journal.runsToResume(staleBefore).forEach(r -> runs.put(r.runId(), r));
    journal.runsInState(RunState.INTERRUPTED).forEach(r -> runs.putIfAbsent(r.runId(), r));
    return runs.values().stream().filter(r -> r.startedBy().startsWith(STARTED_BY_PREFIX)).toList();
  }

  private void resume(RunRecord run) {
    Optional<Plan> plan = planOf(run);
    if (plan.isEmpty()) {
      if (!unresumable.add(run.runId())) {
        return;
      }
      log.warn(
          "run={} plan={} cannot be resumed: no valid plan file (recorded {})",
          run.runId(),
          run.planName(),
          run.planPath());
      return;
    }
    ActiveRun slot = new ActiveRun(new RunControl(), new Progress(clock.instant()));
    if (active.putIfAbsent(run.planName(), slot) != null) {
      return;
    }
    log.info(
        "run={} plan={} resuming from node={} state={} heartbeat={}",
        run.runId(),
        run.planName(),
        run.ownerNode(),
        run.state(),
        run.heartbeatAt());
    resumes.execute(() -> resumeNow(run, plan.get(), slot));
  }

  private void resumeNow(RunRecord run, Plan plan, ActiveRun slot) {
    try {
      ResumeRequest request = new ResumeRequest(run.runId(), plan, false, false, staleAfter);
      await(
          plan,
          run.runId(),
          Mono.defer(() -> launcher.resume(request, slot.control(), slot.progress())));
    } finally {
      release(run.planName(), slot);
    }
  }

  private Optional<Plan> planOf(RunRecord run) {
    Optional<Plan> known = catalog.planNamed(run.planName());
    if (known.isPresent()) {
      return known;
    }
    Path recorded = Path.of(run.planPath());
    Path local = catalog.dir().resolve(String.valueOf(recorded.getFileName()));
    Path file = Files.isRegularFile(local) ? local : recorded;
    try {
      return Optional.of(PlanLoader.load(file, null)).filter(p -> p.name().equals(run.planName()));
    } catch (InvalidInputException e) {
      return Optional.empty();
    }
  }

  private void await(Plan plan, String runId, Mono<RunResult> run) {
    Duration limit = plan.window().plus(drainTimeout).plus(BLOCK_MARGIN);
    try {
      RunResult result = run.block(limit);
      if (result != null) {
        listener.ended(plan, result);
      }
    } catch (InvalidInputException e) {
      // The engine refused: the run was claimed by another node, or the plan cannot run.
      log.info("run={} plan={} not run: {}", runId, plan.name(), e.getMessage());
    } catch (RuntimeException e) {
      log.error("run={} plan={} failed: {}", runId, plan.name(), e.toString());
      listener.failed(plan, runId, e);
    }
  }

  private Optional<RunRecord> runningRunOf(String planName) {
    Instant everything = clock.instant().plus(Duration.ofDays(1));
    return journal.runsToResume(everything).stream()
        .filter(r -> r.planName().equals(planName))
        .findFirst();
  }

  private void fired(String planName, String outcome) {
    registry.counter("rotor.plan.fires", "plan", planName, "outcome", outcome).increment();
  }

  private void release(String planName, ActiveRun slot) {
    synchronized (active) {
      active.remove(planName, slot);
      active.notifyAll();
    }
  }

  /** Returns the plans with an active run on this node, each with its run's progress. */
  Map<String, ActiveRun> active() {
    return Map.copyOf(active);
  }

  /** Stops every active run from starting revocations, and refuses new fires and resumes. */
  void stopAll(StopReason reason) {
    stopping = true;
    active.values().forEach(run -> run.control().stop(reason));
  }

  /** Waits until no run is active, at most {@code timeout}; returns whether none is. */
  boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (active) {
      while (!active.isEmpty()) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          return false;
        }
        active.wait(left);
      }
    }
    return true;
  }

  /** Returns the names of the plans with an active run on this node. */
  Set<String> activePlans() {
    return Set.copyOf(active.keySet());
  }

  @Override
  public void close() {
    // Never interrupt: an interrupt during file I/O closes an embedded H2 database.
    resumes.shutdown();
  }

  /** A run this node works on now. */
  record ActiveRun(RunControl control, Progress progress) {}
}
