package dev.rotor.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotor.journal.RunState;
import dev.rotor.journal.TargetRecord;
import dev.rotor.journal.TargetState;
import dev.rotor.sandbox.BucketLimit;
import dev.rotor.sandbox.Faults;
import dev.rotor.sandbox.Fleet;
import dev.rotor.sandbox.SandboxServer;
import dev.rotor.sandbox.SandboxSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs plans against the sandbox over real HTTP and checks the sandbox's own record. */
class EngineEndToEndTest {
  private static final BucketLimit FAST = new BucketLimit(50, 50, Duration.ofSeconds(1));

  @TempDir Path dir;

  private static SandboxSettings fleet(int tenants, int federations, int idps) {
    return SandboxSettings.of(Fixtures.fleet(tenants, federations, idps, 7));
  }

  private static List<TargetRecord> targets(Fixtures f, String runId) {
    try (Stream<TargetRecord> targets = f.journal.targets(runId)) {
      return targets.toList();
    }
  }

  private static String key(TargetRecord t) {
    return t.federationSettingsId() + "/" + t.identityProviderId();
  }

  @Test
  void revokesEveryPlannedIdentityProviderExactlyOnce() {
    try (Fixtures f = Fixtures.on(SandboxServer.start(fleet(4, 2, 12)), dir, FAST)) {
      RunResult result = f.run(f.plan(), false);

      List<TargetRecord> targets = targets(f, result.runId());
      assertThat(result.state()).isEqualTo(RunState.COMPLETED);
      assertThat(targets).hasSize(4 * 2 * 11).allMatch(t -> t.state() == TargetState.REVOKED);
      Map<String, Long> times = f.revokedTimes();
      assertThat(times.keySet())
          .containsExactlyInAnyOrderElementsOf(
              targets.stream().map(EngineEndToEndTest::key).toList());
      assertThat(times.values()).allMatch(n -> n == 1);
    }
  }

  @Test
  void dryRunSendsNoDelete() {
    try (Fixtures f = Fixtures.on(SandboxServer.start(fleet(2, 1, 5)), dir, FAST)) {
      RunResult result = f.run(f.plan(), true);

      assertThat(result.state()).isEqualTo(RunState.COMPLETED);
      assertThat(result.count(TargetState.DRY_RUN)).isEqualTo(10);
      assertThat(f.sandbox.revocations()).isEmpty();
    }
  }

  @Test
  void ridesOutRateLimitStormsWithoutRevokingTwice() {
    var settings = fleet(2, 1, 20).withRevokeLimit(new BucketLimit(2, 20, Duration.ofSeconds(1)));
    var generous = new BucketLimit(100, 100, Duration.ofSeconds(1));
    try (Fixtures f = Fixtures.on(SandboxServer.start(settings), dir, generous)) {
      RunResult result = f.run(f.plan(p -> p.replace("canary: 1", "canary: 0")), false);

      assertThat(result.state()).isEqualTo(RunState.COMPLETED);
      assertThat(result.count(TargetState.REVOKED)).isEqualTo(36);
      assertThat(f.revokedTimes().values()).hasSize(36).allMatch(n -> n == 1);
      assertThat(f.registry.counter("rotor.ratelimit.pauses", "tenant", "tenant-0001").count())
          .isPositive();
    }
  }

  @Test
  void retriesServiceUnavailableAfterItsRetryAfter() {
    var settings = fleet(2, 1, 10).withFaults(Faults.NONE.withError503Ratio(0.3));
    try (Fixtures f = Fixtures.on(SandboxServer.start(settings), dir, FAST)) {
      RunResult result = f.run(f.plan(p -> p.replace("canary: 1", "canary: 0")), false);

      List<TargetRecord> targets = targets(f, result.runId());
      assertThat(result.state()).isEqualTo(RunState.COMPLETED);
      assertThat(targets).allMatch(t -> t.state() == TargetState.REVOKED);
      assertThat(targets).anyMatch(t -> t.attempts() > 1);
      assertThat(f.revokedTimes().values()).hasSize(18).allMatch(n -> n == 1);
    }
  }

  @Test
  void retriesWithOneCallInFlightWithoutWaitingForItsOwnPermit() {
    var settings = fleet(1, 1, 6).withFaults(Faults.NONE.withError503Ratio(0.5));
    try (Fixtures f = Fixtures.on(SandboxServer.start(settings), dir, FAST).withMaxInFlight(1)) {
      RunResult result = f.run(f.plan(p -> p.replace("canary: 1", "canary: 0")), false);

      List<TargetRecord> targets = targets(f, result.runId());
      assertThat(result.state()).isEqualTo(RunState.COMPLETED);
      assertThat(targets).allMatch(t -> t.state() == TargetState.REVOKED);
      assertThat(targets).anyMatch(t -> t.attempts() > 1);
    }
  }

  @Test
  void settlesResponsesThatHangAfterTheRevocationFromEventsWithoutResending() {
    var settings = fleet(2, 1, 10).withFaults(Faults.NONE.withHangAfterApplyRatio(0.3));
    try (Fixtures f = Fixtures.on(SandboxServer.start(settings), dir, FAST)) {
      RunResult result =
          f.run(f.plan(p -> p.replace("maxFailureRatio: 0.05", "maxFailureRatio: 1")), false);

      List<TargetRecord> targets = targets(f, result.runId());
      List<TargetRecord> settled = targets.stream().filter(t -> t.evidence() != null).toList();
      assertThat(targets).allMatch(t -> t.state() == TargetState.REVOKED);
      assertThat(settled).isNotEmpty().allMatch(t -> t.attempts() == 1);
      assertThat(settled).allMatch(t -> t.reason().startsWith("settled from event"));
      assertThat(f.revokedTimes().values()).hasSize(18).allMatch(n -> n == 1);
    }
  }

  @Test
  void leavesAnOutcomeUnknownWhenNoEventTellsAndNeverResendsIt() {
    var settings = fleet(1, 1, 10).withFaults(Faults.NONE.withError500Ratio(0.4));
    try (Fixtures f = Fixtures.on(SandboxServer.start(settings), dir, FAST)) {
      RunResult result =
          f.run(
              f.plan(
                  p ->
                      p.replace("maxFailureRatio: 0.05", "maxFailureRatio: 1")
                          .replace("canary: 1", "canary: 0")),
              false);

      assertThat(result.state()).isEqualTo(RunState.COMPLETED_WITH_FAILURES);
      assertThat(result.count(TargetState.UNKNOWN)).isPositive();
      assertThat(targets(f, result.runId()))
          .filteredOn(t -> t.state() == TargetState.UNKNOWN)
          .allMatch(t -> t.attempts() == 1 && t.httpStatus() == 500);
      assertThat(f.revokedTimes()).hasSize((int) result.count(TargetState.REVOKED));
    }
  }

  @Test
  void stopsWhenTheCanaryFails() {
    var settings = fleet(2, 1, 10).withFaults(Faults.NONE.withError500Ratio(1.0));
    try (Fixtures f = Fixtures.on(SandboxServer.start(settings), dir, FAST)) {
      RunResult result = f.run(f.plan(), false);

      assertThat(result.state()).isEqualTo(RunState.ABORTED);
      assertThat(result.stopReason().kind()).isEqualTo(StopReason.Kind.CANARY_FAILED);
      assertThat(result.count(TargetState.UNKNOWN)).isEqualTo(1);
      assertThat(result.count(TargetState.PENDING)).isEqualTo(17);
    }
  }

  @Test
  void stopsStartingRevocationsWhenFailuresPassTheMaximumRatio() {
    var settings = fleet(1, 2, 30).withFaults(Faults.NONE.withError500Ratio(0.5));
    try (Fixtures f = Fixtures.on(SandboxServer.start(settings), dir, FAST)) {
      RunResult result =
          f.run(
              f.plan(
                  p ->
                      p.replace("maxFailureRatio: 0.05", "maxFailureRatio: 0.1")
                          .replace("canary: 1", "canary: 0")),
              false);

      assertThat(result.state()).isEqualTo(RunState.ABORTED);
      assertThat(result.stopReason().kind()).isEqualTo(StopReason.Kind.FAILURE_RATIO);
      assertThat(result.count(TargetState.PENDING)).isPositive();
    }
  }

  @Test
  void abortsBeforeAnyCallWhenThePlanSelectsMoreThanItsMaximum() {
    try (Fixtures f = Fixtures.on(SandboxServer.start(fleet(2, 1, 5)), dir, FAST)) {
      RunResult result =
          f.run(
              f.plan(p -> p.replaceAll("maxIdentityProviders: \\d+", "maxIdentityProviders: 3")),
              false);

      assertThat(result.state()).isEqualTo(RunState.ABORTED);
      assertThat(result.stopReason().kind()).isEqualTo(StopReason.Kind.TOO_MANY_TARGETS);
      assertThat(result.count(TargetState.PENDING)).isEqualTo(10);
      assertThat(f.sandbox.revocations()).isEmpty();
    }
  }

  @Test
  void skipsWhatWasRevokedWithinTheCooldownUnlessForced() {
    try (Fixtures f = Fixtures.on(SandboxServer.start(fleet(1, 1, 5)), dir, FAST)) {
      f.run(f.plan(), false);

      RunResult again = f.run(f.plan(), false);

      assertThat(again.count(TargetState.SKIPPED)).isEqualTo(5);
      assertThat(targets(f, again.runId()))
          .allMatch(t -> t.reason().contains("within the cooldown"));
      assertThat(f.revokedTimes().values()).allMatch(n -> n == 1);
    }
  }

  /** Returns a fleet of one tenant with 54 OIDC identity providers and one with 5. */
  private static Fleet skewed() {
    Fleet big = Fleet.generate(1, 6, 10, 1);
    Fleet small = Fleet.generate(1, 1, 5, 2);
    var org = small.organizations().get(0);
    var account = small.serviceAccounts().get(0);
    var renamedOrg = new Fleet.Organization(org.id(), "small");
    var renamedAccount =
        new Fleet.ServiceAccount("small-sa", account.clientId(), account.clientSecret(), org.id());
    return new Fleet(
        concat(big.organizations(), List.of(renamedOrg)),
        concat(big.federations(), small.federations()),
        concat(big.serviceAccounts(), List.of(renamedAccount)),
        List.of());
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    return Stream.concat(a.stream(), b.stream()).toList();
  }

  @Test
  void aSmallTenantFinishesWhileALargeOneIsStillRunning() {
    var slow = new BucketLimit(5, 20, Duration.ofSeconds(1));
    var settings = SandboxSettings.of(skewed()).withFaults(Faults.NONE.withLatency(20, 0));
    try (Fixtures f = Fixtures.on(SandboxServer.start(settings), dir, slow)) {
      RunResult result = f.run(f.plan(p -> p.replace("canary: 1", "canary: 0")), false);

      List<TargetRecord> targets = targets(f, result.runId());
      Instant smallDone =
          targets.stream()
              .filter(t -> t.tenant().equals("small"))
              .map(TargetRecord::completedAt)
              .max(Comparator.naturalOrder())
              .orElseThrow();
      long bigDoneBefore =
          targets.stream()
              .filter(t -> !t.tenant().equals("small") && t.completedAt().isBefore(smallDone))
              .count();
      assertThat(result.state()).isEqualTo(RunState.COMPLETED);
      assertThat(result.count(TargetState.REVOKED)).isEqualTo(54 + 5);
      assertThat(bigDoneBefore)
          .as("large tenant's revocations done before the small one")
          .isLessThan(15);
    }
  }
}
