package dev.rotor.engine;

import static java.util.Objects.requireNonNull;

import dev.rotor.atlas.AtlasClient;
import dev.rotor.config.CredentialSpec;
import dev.rotor.config.RateLimit;
import dev.rotor.config.RotorConfig;
import dev.rotor.input.InvalidInputException;
import dev.rotor.input.Problem;
import dev.rotor.journal.Journal;
import dev.rotor.journal.JournalWriter;
import dev.rotor.journal.Revocation;
import dev.rotor.journal.RunIds;
import dev.rotor.journal.RunRecord;
import dev.rotor.journal.RunState;
import dev.rotor.journal.TargetRecord;
import dev.rotor.journal.TargetState;
import dev.rotor.plan.Plan;
import dev.rotor.plan.Tenant;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Runs plans: resolves them against Atlas, journals every target, fans the revocations out per
 * tenant and ends the run in the journal however it ends. Nothing here blocks a thread: journal
 * reads run on the bounded-elastic scheduler, journal writes go through the group-commit writer.
 */
public final class Engine implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Engine.class);

  /** How often a running run's owner records that it is alive. */
  public static final Duration HEARTBEAT = Duration.ofSeconds(5);

  /** The shortest heartbeat age after which a run may be taken from a silent node: three beats. */
  public static final Duration MIN_STALE_AFTER = HEARTBEAT.multipliedBy(3);

  /** A run whose heartbeat is older than this is taken, by default, to have lost its node. */
  public static final Duration STALE_AFTER = Duration.ofSeconds(30);

  private final RotorConfig config;
  private final Journal journal;
  private final JournalWriter writer;
  private final AtlasClient atlas;
  private final Clock clock;
  private final MeterRegistry registry;
  private final String nodeId;
  private final Scheduler scheduler;

  /** Creates an engine that acts as {@code nodeId} on the journal. */
  public Engine(
      RotorConfig config,
      Journal journal,
      AtlasClient atlas,
      Clock clock,
      MeterRegistry registry,
      String nodeId) {
    this(config, journal, atlas, clock, registry, nodeId, Schedulers.parallel());
  }

  /** Creates an engine whose delays run on {@code scheduler}, virtual in tests. */
  public Engine(
      RotorConfig config,
      Journal journal,
      AtlasClient atlas,
      Clock clock,
      MeterRegistry registry,
      String nodeId,
      Scheduler scheduler) {
    this.config = requireNonNull(config, "config");
    this.journal = requireNonNull(journal, "journal");
    this.atlas = requireNonNull(atlas, "atlas");
    this.clock = requireNonNull(clock, "clock");
    this.registry = requireNonNull(registry, "registry");
    this.nodeId = requireNonNull(nodeId, "nodeId");
    this.scheduler = requireNonNull(scheduler, "scheduler");
    this.writer = JournalWriter.start(journal);
  }

  /** Returns the node id this engine records as the owner of its runs. */
  public String nodeId() {
    return nodeId;
  }

  /** Resolves {@code plan} against Atlas and estimates its run; revokes nothing. */
  public Mono<Preview> preview(Plan plan, boolean force) {
    credentials(plan);
    return cooldowns(plan, force)
        .flatMap(check -> new TargetResolver(atlas, config, check).resolve(plan, clock.instant()))
        .map(resolution -> new Preview(plan, resolution, estimates(plan, resolution)));
  }

  private List<Estimate> estimates(Plan plan, Resolution resolution) {
    Map<String, Long> pending = new LinkedHashMap<>();
    resolution.pending().forEach(t -> pending.merge(t.tenant(), 1L, Long::sum));
    Duration latency = resolution.readLatency();
    List<Estimate> result = new ArrayList<>();
    for (Tenant tenant : plan.tenants()) {
      long count = pending.getOrDefault(tenant.name(), 0L);
      result.add(
          Estimate.of(tenant.name(), count, rateLimit(tenant), concurrency(tenant), latency));
    }
    return result;
  }

  /** Resolves and runs {@code request}'s plan now. */
  public Mono<RunResult> run(RunRequest request, RunControl control, Progress progress) {
    return preview(request.plan(), request.force())
        .flatMap(preview -> run(request, preview, control, progress));
  }

  /** Runs a plan already resolved by {@link #preview}, as shown to the operator. */
  public Mono<RunResult> run(
      RunRequest request, Preview preview, RunControl control, Progress progress) {
    Instant startedAt = clock.instant();
    String runId = RunIds.next(startedAt);
    progress.runId(runId);
    RunRecord record = runRecord(runId, request, startedAt);
    List<TargetRecord> targets = preview.resolution().targets();
    return blocking(() -> create(record, targets))
        .then(
            Mono.defer(
                () -> start(request.plan(), runId, request.dryRun(), targets, control, progress)));
  }

  private RunRecord runRecord(String runId, RunRequest request, Instant startedAt) {
    Plan plan = request.plan();
    return RunRecord.started(
        runId,
        plan.name(),
        plan.sha256(),
        plan.source().toString(),
        dev.rotor.config.RotorVersion.current(),
        request.startedBy(),
        request.reason(),
        startedAt,
        request.dryRun(),
        nodeId);
  }

  private Void create(RunRecord record, List<TargetRecord> targets) {
    journal.createRun(record, targets);
    log.info(
        "run={} plan={} started: {} targets, {} to revoke{}",
        record.runId(),
        record.planName(),
        targets.size(),
        targets.stream().filter(t -> t.state() == TargetState.PENDING).count(),
        record.dryRun() ? " (dry run)" : "");
    return null;
  }

  private Mono<RunResult> start(
      Plan plan,
      String runId,
      boolean dryRun,
      List<TargetRecord> targets,
      RunControl control,
      Progress progress) {
    progress.total(targets.size());
    progress.add(
        TargetState.SKIPPED,
        targets.stream().filter(t -> t.state() == TargetState.SKIPPED).count());
    List<TargetRecord> pending =
        targets.stream().filter(t -> t.state() == TargetState.PENDING).toList();
    if (pending.size() > plan.safety().maxIdentityProviders()) {
      String why =
          pending.size()
              + " identity providers to revoke, more than the plan's maximum of "
              + plan.safety().maxIdentityProviders();
      control.stop(new StopReason(StopReason.Kind.TOO_MANY_TARGETS, why));
      return finish(runId, control);
    }
    return execute(plan, runId, dryRun, pending, plan.safety().canary(), control, progress);
  }

  /**
   * Continues a run from the journal: claims it for this node, settles its in-flight targets from
   * Atlas's events, requeues what the operator asked for, then runs what is pending.
   */
  public Mono<RunResult> resume(ResumeRequest request, RunControl control, Progress progress) {
    String runId = request.runId();
    progress.runId(runId);
    credentials(request.plan());
    return blocking(() -> claim(runId, request.staleAfter()))
        .then(blocking(() -> journal.restoreLostIntents(runId)))
        .then(settleInFlight(request.plan(), runId))
        .then(blocking(() -> requeue(request)))
        .then(blocking(() -> resumable(runId, progress)))
        .flatMap(
            pending -> {
              boolean anyRevoked =
                  progress.snapshot(clock.instant()).count(TargetState.REVOKED) > 0;
              int canary = anyRevoked ? 0 : request.plan().safety().canary();
              boolean dryRun = journal.findRun(runId).map(RunRecord::dryRun).orElse(false);
              return execute(request.plan(), runId, dryRun, pending, canary, control, progress);
            });
  }

  private Void claim(String runId, Duration staleAfter) {
    RunRecord run =
        journal
            .findRun(runId)
            .orElseThrow(() -> invalid("run " + runId + " is not in the journal (see rotor runs)"));
    if (run.state() == RunState.COMPLETED) {
      throw invalid("run " + runId + " completed; there is nothing to resume");
    }
    Instant now = clock.instant();
    if (!journal.claimRun(runId, nodeId, now.minus(staleAfter).plusMillis(1), now)) {
      throw invalid(
          "run "
              + runId
              + " is owned by node "
              + run.ownerNode()
              + " whose heartbeat ("
              + run.heartbeatAt()
              + ") is recent: it may still be running");
    }
    log.info("run={} resumed by node {}", runId, nodeId);
    return null;
  }

  private static InvalidInputException invalid(String message) {
    return new InvalidInputException(List.of(new Problem("journal", 0, 0, "", message)));
  }

  private Mono<Void> settleInFlight(Plan plan, String runId) {
    Map<String, CredentialSpec> credentials = credentials(plan);
    Revoker revoker =
        revoker(runId, false, credentials, new RunControl(), new Progress(clock.instant()), plan);
    return blocking(() -> journal.targetsInState(runId, EnumSet.of(TargetState.IN_FLIGHT)))
        .flatMapMany(Flux::fromIterable)
        .concatMap(target -> settleOne(revoker, credentials, runId, target))
        .then();
  }

  private Mono<Void> settleOne(
      Revoker revoker, Map<String, CredentialSpec> credentials, String runId, TargetRecord target) {
    CredentialSpec credential = credentials.get(target.tenant());
    Instant since = target.attemptStartedAt() != null ? target.attemptStartedAt() : clock.instant();
    return revoker
        .evidence(credential, target, since)
        .flatMap(
            found ->
                Mono.fromFuture(
                    () ->
                        writer.recordOutcome(
                            runId,
                            target.seq(),
                            Resumes.settled(found.orElse(null), clock.instant())),
                    true));
  }

  private Void requeue(ResumeRequest request) {
    Set<TargetState> again = EnumSet.noneOf(TargetState.class);
    if (request.retryFailed()) {
      again.add(TargetState.FAILED);
    }
    if (request.retryUnknown()) {
      again.add(TargetState.UNKNOWN);
    }
    int count = journal.requeue(request.runId(), again);
    if (count > 0) {
      log.info(
          "run={} {} targets in {} sent again on the operator's decision",
          request.runId(),
          count,
          again);
    }
    return null;
  }

  private List<TargetRecord> resumable(String runId, Progress progress) {
    Map<TargetState, Long> counts = journal.countsByState(runId);
    progress.total(counts.values().stream().mapToLong(Long::longValue).sum());
    counts.forEach(
        (state, count) -> {
          if (state.isFinal()) {
            progress.add(state, count);
          }
        });
    return journal.targetsInState(runId, EnumSet.of(TargetState.PENDING));
  }

  private Mono<RunResult> execute(
      Plan plan,
      String runId,
      boolean dryRun,
      List<TargetRecord> pending,
      int canary,
      RunControl control,
      Progress progress) {
    Map<String, CredentialSpec> credentials = credentials(plan);
    Revoker revoker = revoker(runId, dryRun, credentials, control, progress, plan);
    FanOut fanOut =
        new FanOut(
            context(runId, dryRun, credentials, control, progress, plan),
            revoker,
            lanes(plan),
            config.engine().maxInFlight());
    return withHeartbeat(fanOut.execute(pending, canary), runId, control)
        .then(Mono.defer(() -> finish(runId, control)));
  }

  private Mono<Void> withHeartbeat(Mono<Void> work, String runId, RunControl control) {
    Mono<Void> beats =
        Flux.interval(HEARTBEAT, scheduler)
            .concatMap(tick -> blocking(() -> journal.heartbeat(runId, nodeId, clock.instant())))
            .doOnNext(owned -> lostOwnership(owned, runId, control))
            .then();
    return Mono.firstWithSignal(work, beats.then(Mono.never())).then();
  }

  private void lostOwnership(boolean owned, String runId, RunControl control) {
    if (!owned) {
      control.stop(
          new StopReason(StopReason.Kind.TAKEN_OVER, "node " + nodeId + " lost run " + runId));
    }
  }

  private RunContext context(
      String runId,
      boolean dryRun,
      Map<String, CredentialSpec> credentials,
      RunControl control,
      Progress progress,
      Plan plan) {
    Instant deadline = clock.instant().plus(plan.window());
    return new RunContext(
        runId,
        dryRun,
        credentials,
        deadline,
        control,
        progress,
        plan.safety().maxFailureRatio(),
        clock);
  }

  private Revoker revoker(
      String runId,
      boolean dryRun,
      Map<String, CredentialSpec> credentials,
      RunControl control,
      Progress progress,
      Plan plan) {
    RunContext context = context(runId, dryRun, credentials, control, progress, plan);
    var settings = config.engine();
    Backoff backoff =
        new Backoff(
            settings.initialBackoff(),
            settings.maxBackoff(),
            () -> ThreadLocalRandom.current().nextDouble());
    return new Revoker(context, atlas, writer, settings, backoff, clock, scheduler, registry);
  }

  private Map<String, Lane> lanes(Plan plan) {
    Map<String, Lane> lanes = new HashMap<>();
    for (Tenant tenant : plan.tenants()) {
      Counter waits = registry.counter("rotor.ratelimit.waits", "tenant", tenant.name());
      Lane lane =
          new Lane(
              tenant.name(), rateLimit(tenant), concurrency(tenant), scheduler, waits::increment);
      lanes.put(tenant.name(), lane);
    }
    return lanes;
  }

  private RateLimit rateLimit(Tenant tenant) {
    return tenant.rateLimit() != null ? tenant.rateLimit() : config.tenantDefaults().rateLimit();
  }

  private int concurrency(Tenant tenant) {
    return tenant.concurrency() != null
        ? tenant.concurrency()
        : config.tenantDefaults().concurrency();
  }

  private Mono<RunResult> finish(String runId, RunControl control) {
    return blocking(() -> end(runId, control.reason()));
  }

  private RunResult end(String runId, @Nullable StopReason stop) {
    Map<TargetState, Long> counts = journal.countsByState(runId);
    RunState state = state(counts, stop);
    if (stop == null || stop.kind() != StopReason.Kind.TAKEN_OVER) {
      journal.finishRun(runId, state, clock.instant(), stop == null ? null : stop.describe());
    }
    log.info(
        "run={} {}{}: {}", runId, state, stop == null ? "" : " (" + stop.describe() + ")", counts);
    return new RunResult(runId, state, counts, stop);
  }

  private static RunState state(Map<TargetState, Long> counts, @Nullable StopReason stop) {
    if (stop != null) {
      return switch (stop.kind()) {
        case SIGNAL, TAKEN_OVER -> RunState.INTERRUPTED;
        default -> RunState.ABORTED;
      };
    }
    long bad =
        counts.getOrDefault(TargetState.FAILED, 0L)
            + counts.getOrDefault(TargetState.UNKNOWN, 0L)
            + counts.getOrDefault(TargetState.IN_FLIGHT, 0L)
            + counts.getOrDefault(TargetState.PENDING, 0L);
    return bad > 0 ? RunState.COMPLETED_WITH_FAILURES : RunState.COMPLETED;
  }

  /** Returns the credential of each tenant; every name was checked when the plan was loaded. */
  private Map<String, CredentialSpec> credentials(Plan plan) {
    Map<String, CredentialSpec> byTenant = new HashMap<>();
    List<Problem> problems = new ArrayList<>();
    for (Tenant tenant : plan.tenants()) {
      Optional<CredentialSpec> credential = config.credential(tenant.credential());
      credential.ifPresent(c -> byTenant.put(tenant.name(), c));
      if (credential.isEmpty()) {
        problems.add(
            new Problem(
                plan.source().toString(),
                0,
                0,
                "tenants." + tenant.name() + ".credential",
                "unknown credential '" + tenant.credential() + "'"));
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return byTenant;
  }

  /** Returns, for each identity provider revoked within its cooldown, why it is skipped. */
  private Mono<java.util.function.Function<String, Optional<String>>> cooldowns(
      Plan plan, boolean force) {
    Duration cooldown =
        plan.safety().cooldown() != null ? plan.safety().cooldown() : config.engine().cooldown();
    if (force) {
      return Mono.just(key -> Optional.empty());
    }
    Instant since = clock.instant().minus(cooldown);
    return blocking(journal::lastRevocations)
        .map(
            revocations -> {
              Map<String, Revocation> recent = new HashMap<>();
              for (Revocation r : revocations) {
                if (r.completedAt().isAfter(since)) {
                  recent.put(r.federationSettingsId() + "/" + r.identityProviderId(), r);
                }
              }
              return key ->
                  Optional.ofNullable(recent.get(key)).map(r -> Resumes.cooldown(r, cooldown));
            });
  }

  private static <T> Mono<T> blocking(java.util.concurrent.Callable<T> work) {
    return Mono.fromCallable(work).subscribeOn(Schedulers.boundedElastic());
  }

  /** Stops the journal writer after it has committed what it holds. */
  @Override
  public void close() {
    writer.close();
  }
}
