package dev.rotor.engine;

import dev.rotor.atlas.AtlasClient;
import dev.rotor.atlas.AtlasResult;
import dev.rotor.atlas.OrgEvent;
import dev.rotor.config.CredentialSpec;
import dev.rotor.config.EngineSettings;
import dev.rotor.journal.JournalWriter;
import dev.rotor.journal.Outcome;
import dev.rotor.journal.TargetRecord;
import dev.rotor.journal.TargetState;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Revokes one target and records what happened: the intent is durable before the request is
 * written, the outcome is durable before the run counts it. Only an attempt that certainly did not
 * take effect is repeated; one that may have (a timeout, a dropped connection, a 500) is settled
 * from the organizations' {@code IDENTITY_PROVIDER_JWKS_REVOKED} events, and stays {@code UNKNOWN}
 * when they do not tell.
 */
final class Revoker {
  private static final Logger log = LoggerFactory.getLogger(Revoker.class);

  /** Events are read from a little before the attempt started, for clocks that disagree. */
  private static final Duration CLOCK_SKEW = Duration.ofSeconds(5);

  /** How long to wait before reading the events a second time. */
  private static final Duration EVENT_LAG = Duration.ofSeconds(2);

  private final RunContext run;
  private final AtlasClient atlas;
  private final JournalWriter writer;
  private final EngineSettings settings;
  private final Backoff backoff;
  private final Clock clock;
  private final Scheduler scheduler;
  private final MeterRegistry registry;

  Revoker(
      RunContext run,
      AtlasClient atlas,
      JournalWriter writer,
      EngineSettings settings,
      Backoff backoff,
      Clock clock,
      Scheduler scheduler,
      MeterRegistry registry) {
    this.run = run;
    this.atlas = atlas;
    this.writer = writer;
    this.settings = settings;
    this.backoff = backoff;
    this.clock = clock;
    this.scheduler = scheduler;
    this.registry = registry;
  }

  /**
   * Revokes {@code target} within {@code lane}'s limits; completes with its final state, or empty
   * when the run stopped before the target started (it stays pending, for a resume).
   */
  Mono<TargetState> revoke(Lane lane, TargetRecord target, InFlightLimit inFlight) {
    return attempt(lane, target, inFlight, 1);
  }

  private Mono<TargetState> attempt(
      Lane lane, TargetRecord target, InFlightLimit inFlight, int attempt) {
    return Mono.defer(
        () -> {
          if (run.shouldStop()) {
            return Mono.empty();
          }
          if (lane.haltReason() != null) {
            return skip(target, "tenant halted: " + lane.haltReason());
          }
          if (run.dryRun()) {
            return record(lane, target, Outcome.dryRun(clock.instant()));
          }
          return lane.ready()
              .then(Mono.defer(() -> inFlight.acquire(lane.nextTicket())))
              .flatMap(permit -> sendWithToken(lane, target, inFlight, permit, attempt));
        });
  }

  /**
   * Reserves the lane's token now that a call slot is held; if another call of the lane took the
   * last one meanwhile, gives the slot back and waits again.
   */
  private Mono<TargetState> sendWithToken(
      Lane lane,
      TargetRecord target,
      InFlightLimit inFlight,
      InFlightLimit.Permit permit,
      int attempt) {
    Lane.Reservation token = lane.tryReserve();
    if (token == null) {
      permit.release();
      return attempt(lane, target, inFlight, attempt);
    }
    return send(lane, target, inFlight, permit, token, attempt).doFinally(s -> permit.release());
  }

  private Mono<TargetState> send(
      Lane lane,
      TargetRecord target,
      InFlightLimit inFlight,
      InFlightLimit.Permit permit,
      Lane.Reservation token,
      int attempt) {
    if (run.shouldStop()) {
      token.cancel();
      return Mono.empty();
    }
    if (lane.haltReason() != null) {
      token.cancel();
      return skip(target, "tenant halted: " + lane.haltReason());
    }
    Instant started = clock.instant();
    log.debug(
        "run={} tenant={} idp={} attempt={} sending",
        run.runId(),
        lane.tenant(),
        target.identityProviderId(),
        attempt);
    return durable(() -> writer.markInFlight(run.runId(), target.seq(), started))
        .doOnError(e -> token.cancel())
        .doOnCancel(token::cancel)
        .then(Mono.defer(() -> call(lane, target, token)))
        .flatMap(result -> handle(lane, target, inFlight, permit, attempt, started, result));
  }

  private Mono<AtlasResult<Void>> call(Lane lane, TargetRecord target, Lane.Reservation token) {
    return Mono.defer(
            () -> {
              token.sent();
              return atlas.revokeJwks(
                  run.credential(lane.tenant()),
                  target.federationSettingsId(),
                  target.identityProviderId());
            })
        .doOnNext(result -> token.answered(countedByAtlas(result)))
        .doOnError(e -> token.spend())
        .doOnCancel(token::spend);
  }

  /** Returns whether Atlas took a token of its bucket for this call. */
  private static boolean countedByAtlas(AtlasResult<Void> result) {
    if (result instanceof AtlasResult.Failure<Void> failure) {
      return failure.status() != 429 && (failure.status() != 0 || failure.mayHaveTakenEffect());
    }
    return true;
  }

  private Mono<TargetState> handle(
      Lane lane,
      TargetRecord target,
      InFlightLimit inFlight,
      InFlightLimit.Permit permit,
      int attempt,
      Instant started,
      AtlasResult<Void> result) {
    long latency = Duration.between(started, clock.instant()).toMillis();
    if (result instanceof AtlasResult.Success<Void> success) {
      return record(lane, target, Outcome.revoked(204, null, clock.instant(), latency));
    }
    var failure = (AtlasResult.Failure<Void>) result;
    if (failure.isRetryable()) {
      return retry(lane, target, inFlight, permit, attempt, failure, latency);
    }
    if (failure.status() == 401 || failure.status() == 403) {
      return refused(lane, target, failure, latency);
    }
    if (failure.mayHaveTakenEffect()) {
      return settle(lane, target, started, failure, latency);
    }
    return record(lane, target, failed(failure, latency, null));
  }

  private Mono<TargetState> retry(
      Lane lane,
      TargetRecord target,
      InFlightLimit inFlight,
      InFlightLimit.Permit permit,
      int attempt,
      AtlasResult.Failure<Void> failure,
      long latency) {
    if (failure.status() == 429 || failure.retryAfter() != null) {
      Duration pause =
          Optional.ofNullable(failure.retryAfter()).orElse(backoff.delay(attempt, null));
      lane.pause(pause);
      registry.counter("rotor.ratelimit.pauses", "tenant", lane.tenant()).increment();
    }
    Duration delay = backoff.delay(attempt, failure.retryAfter());
    String last = describe(failure);
    if (attempt >= settings.maxAttempts()) {
      return record(
          lane, target, failed(failure, latency, "gave up after " + attempt + " attempts"));
    }
    if (!run.before(clock.instant().plus(delay))) {
      return record(lane, target, failed(failure, latency, "the window closed before a retry"));
    }
    log.debug(
        "run={} tenant={} fs={} idp={} attempt={} retry in {}: {}",
        run.runId(),
        lane.tenant(),
        target.federationSettingsId(),
        target.identityProviderId(),
        attempt,
        delay,
        last);
    return durable(
            () ->
                writer.requeue(
                    run.runId(), target.seq(), status(failure), failure.errorCode(), last))
        // The next attempt queues for a permit of its own: holding this one while waiting for it
        // lets retries hold every permit and wait for one another, and the run stalls.
        .then(Mono.fromRunnable(permit::release))
        .then(Mono.delay(delay, scheduler))
        .then(attempt(lane, target, inFlight, attempt + 1));
  }

  private Mono<TargetState> refused(
      Lane lane, TargetRecord target, AtlasResult.Failure<Void> failure, long latency) {
    String why = "credential refused (" + describe(failure) + ")";
    if (lane.refused(settings.credentialRefusals(), why)) {
      log.warn("run={} tenant={} halted: {}", run.runId(), lane.tenant(), why);
    }
    return record(lane, target, failed(failure, latency, null));
  }

  /** Settles an attempt that may have taken effect from the organizations' events. */
  private Mono<TargetState> settle(
      Lane lane,
      TargetRecord target,
      Instant started,
      AtlasResult.Failure<Void> failure,
      long latency) {
    CredentialSpec credential = run.credential(lane.tenant());
    return evidence(credential, target, started)
        .flatMap(
            found ->
                found.isPresent() ? Mono.just(found) : evidenceLater(credential, target, started))
        .flatMap(found -> record(lane, target, settled(found.orElse(null), failure, latency)));
  }

  private Outcome settled(
      @Nullable String eventId, AtlasResult.Failure<Void> failure, long latency) {
    String what = describe(failure);
    TargetState state = eventId == null ? TargetState.UNKNOWN : TargetState.REVOKED;
    String reason =
        eventId == null
            ? "no revocation event found after " + what + "; not sent again"
            : "settled from event " + eventId + " after " + what;
    return new Outcome(
        state,
        reason,
        status(failure),
        failure.errorCode(),
        failure.detail(),
        eventId,
        clock.instant(),
        latency);
  }

  /**
   * Finds the id of an {@code IDENTITY_PROVIDER_JWKS_REVOKED} event naming the target, written in
   * one of its organizations since the attempt started; empty when none is found.
   */
  Mono<Optional<String>> evidence(CredentialSpec credential, TargetRecord target, Instant since) {
    Instant from = since.minus(CLOCK_SKEW);
    return Flux.fromIterable(target.organizationIds())
        .concatMap(orgId -> atlas.listJwksRevokedEvents(credential, orgId, from))
        .concatMapIterable(Revoker::events)
        .filter(event -> event.names(target.identityProviderId()))
        .next()
        .map(event -> Optional.of(event.id()))
        .defaultIfEmpty(Optional.empty());
  }

  /** Looks once more after a pause, for events that Atlas writes a little after the fact. */
  private Mono<Optional<String>> evidenceLater(
      CredentialSpec credential, TargetRecord target, Instant since) {
    return Mono.delay(EVENT_LAG, scheduler).then(evidence(credential, target, since));
  }

  private static List<OrgEvent> events(AtlasResult<List<OrgEvent>> result) {
    if (result instanceof AtlasResult.Success<List<OrgEvent>> success && success.value() != null) {
      return success.value();
    }
    return List.of();
  }

  private Mono<TargetState> skip(TargetRecord target, String why) {
    return durable(() -> writer.recordSkipped(run.runId(), target.seq(), why, clock.instant()))
        .then(Mono.fromSupplier(() -> count(target.tenant(), TargetState.SKIPPED)));
  }

  private Mono<TargetState> record(Lane lane, TargetRecord target, Outcome outcome) {
    if (outcome.state() == TargetState.FAILED || outcome.state() == TargetState.UNKNOWN) {
      log.warn(
          "run={} tenant={} fs={} idp={} {}: {}",
          run.runId(),
          lane.tenant(),
          target.federationSettingsId(),
          target.identityProviderId(),
          outcome.state(),
          outcome.reason() != null ? outcome.reason() : outcome.detail());
    }
    return durable(() -> writer.recordOutcome(run.runId(), target.seq(), outcome))
        .then(Mono.fromSupplier(() -> count(lane.tenant(), outcome.state())));
  }

  private TargetState count(String tenant, TargetState state) {
    run.count(state);
    registry.counter("rotor.revocations", "tenant", tenant, "outcome", state.name()).increment();
    return state;
  }

  private Outcome failed(AtlasResult.Failure<Void> failure, long latency, @Nullable String reason) {
    return new Outcome(
        TargetState.FAILED,
        reason,
        status(failure),
        failure.errorCode(),
        failure.detail(),
        null,
        clock.instant(),
        latency);
  }

  private static @Nullable Integer status(AtlasResult.Failure<?> failure) {
    return failure.status() == 0 ? null : failure.status();
  }

  private static String describe(AtlasResult.Failure<?> failure) {
    return failure.kind()
        + " "
        + Outcomes.describe(failure.status(), failure.errorCode(), failure.detail());
  }

  /**
   * Waits, without blocking, for a journal write to be committed, then resumes on the scheduler.
   */
  private Mono<Void> durable(Supplier<CompletableFuture<Void>> write) {
    return Mono.fromFuture(write, true).publishOn(scheduler);
  }
}
