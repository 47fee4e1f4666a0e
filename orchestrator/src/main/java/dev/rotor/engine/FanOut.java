package dev.rotor.engine;

import dev.rotor.journal.TargetRecord;
import dev.rotor.journal.TargetState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Fans a run's pending targets out: the canaries first, one at a time, then every tenant's lane at
 * once, each within its own bucket and concurrency, all within the global cap on calls in flight.
 */
final class FanOut {
  private final RunContext run;
  private final Revoker revoker;
  private final Map<String, Lane> lanes;
  private final InFlightLimit inFlight;

  FanOut(RunContext run, Revoker revoker, Map<String, Lane> lanes, int maxInFlight) {
    this.run = run;
    this.revoker = revoker;
    this.lanes = lanes;
    this.inFlight = new InFlightLimit(maxInFlight);
  }

  /** Revokes {@code pending}, in plan order within each lane; completes when all are settled. */
  Mono<Void> execute(List<TargetRecord> pending, int canaries) {
    int canaryCount = Math.min(canaries, pending.size());
    List<TargetRecord> canary = pending.subList(0, canaryCount);
    List<TargetRecord> rest = pending.subList(canaryCount, pending.size());
    return canaries(canary).then(Mono.defer(() -> lanes(rest)));
  }

  private Mono<Void> canaries(List<TargetRecord> canary) {
    return Flux.fromIterable(canary)
        .concatMap(
            target -> revoker.revoke(lane(target), target, inFlight).map(s -> check(target, s)))
        .then();
  }

  private TargetState check(TargetRecord target, TargetState state) {
    if (state != TargetState.REVOKED && state != TargetState.DRY_RUN) {
      String detail =
          "canary "
              + target.identityProviderId()
              + " of tenant "
              + target.tenant()
              + " ended "
              + state;
      run.control().stop(new StopReason(StopReason.Kind.CANARY_FAILED, detail));
    }
    return state;
  }

  private Mono<Void> lanes(List<TargetRecord> rest) {
    if (run.control().stopped()) {
      return Mono.empty();
    }
    Map<String, List<TargetRecord>> byTenant = new LinkedHashMap<>();
    for (TargetRecord target : rest) {
      byTenant.computeIfAbsent(target.tenant(), t -> new ArrayList<>()).add(target);
    }
    return Flux.fromIterable(byTenant.entrySet())
        .flatMap(e -> lane(lanes.get(e.getKey()), e.getValue()), Math.max(1, byTenant.size()))
        .then();
  }

  private Flux<TargetState> lane(Lane lane, List<TargetRecord> targets) {
    return Flux.fromIterable(targets)
        .flatMap(target -> revoker.revoke(lane, target, inFlight), lane.concurrency());
  }

  private Lane lane(TargetRecord target) {
    return lanes.get(target.tenant());
  }
}
