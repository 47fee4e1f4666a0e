package dev.rotor.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotor.journal.RunState;
import dev.rotor.journal.TargetState;
import dev.rotor.plan.Plan;
import dev.rotor.sandbox.BucketLimit;
import dev.rotor.sandbox.Revocation;
import dev.rotor.sandbox.SandboxServer;
import dev.rotor.sandbox.SandboxSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineEndToEndTest {
  private static final BucketLimit FAST = new BucketLimit(50, 50, Duration.ofSeconds(1));

  @TempDir Path dir;

  private static Map<String, Long> revokedTimes(List<Revocation> revocations) {
    return revocations.stream()
        .collect(
            Collectors.groupingBy(
                r -> r.federationSettingsId() + "/" + r.identityProviderId(),
                Collectors.counting()));
  }

  private static RunResult run(Fixtures f, Plan plan, boolean dryRun) {
    var request = new RunRequest(plan, dryRun, false, "test@host", "test");
    return f.engine
        .run(request, new RunControl(), new Progress(Instant.now()))
        .block(Duration.ofSeconds(60));
  }

  @Test
  void revokesEveryPlannedIdentityProviderExactlyOnce() {
    var settings = SandboxSettings.of(Fixtures.fleet(4, 2, 6, 7));
    try (Fixtures f = Fixtures.on(SandboxServer.start(settings), dir, FAST)) {
      Plan plan = f.plan();

      RunResult result = run(f, plan, false);

      long oidc = f.journal.countsByState(result.runId()).get(TargetState.REVOKED);
      assertThat(result.state()).isEqualTo(RunState.COMPLETED);
      assertThat(oidc).isPositive();
      Map<String, Long> times = revokedTimes(f.sandbox.revocations());
      assertThat(times).hasSize((int) oidc);
      assertThat(times.values()).allMatch(n -> n == 1);
    }
  }
}
