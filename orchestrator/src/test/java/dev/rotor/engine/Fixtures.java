package dev.rotor.engine;

import dev.rotor.atlas.AtlasClient;
import dev.rotor.config.ConfigLoader;
import dev.rotor.config.RotorConfig;
import dev.rotor.config.StoreSettings;
import dev.rotor.journal.Journal;
import dev.rotor.plan.Plan;
import dev.rotor.plan.PlanLoader;
import dev.rotor.sandbox.BucketLimit;
import dev.rotor.sandbox.Fleet;
import dev.rotor.sandbox.FleetFiles;
import dev.rotor.sandbox.SandboxServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A sandbox fleet written out as Rotor's plan, config and environment, with a journal and an engine
 * on top, for end-to-end tests over real HTTP.
 */
final class Fixtures implements AutoCloseable {
  final SandboxServer sandbox;
  final Path dir;
  final RotorConfig config;
  final Journal journal;
  final AtlasClient atlas;
  final Engine engine;
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  /** Returns fixtures on the same fleet whose engine allows at most {@code maxInFlight} calls. */
  Fixtures withMaxInFlight(int maxInFlight) {
    engine.close();
    atlas.close();
    journal.close();
    var settings = config.engine();
    return new Fixtures(
        sandbox,
        dir,
        config.withEngine(
            new dev.rotor.config.EngineSettings(
                maxInFlight,
                settings.cooldown(),
                settings.maxAttempts(),
                settings.initialBackoff(),
                settings.maxBackoff(),
                settings.drainTimeout(),
                settings.credentialRefusals())));
  }

  private Fixtures(SandboxServer sandbox, Path dir, RotorConfig config) {
    this.sandbox = sandbox;
    this.dir = dir;
    this.config = config;
    this.journal = Journal.open(config.store());
    this.atlas = AtlasClient.create(config.atlas(), Clock.systemUTC(), registry);
    this.engine = new Engine(config, journal, atlas, Clock.systemUTC(), registry, "test-node");
  }

  /** Writes the sandbox's fleet as files under {@code dir} and opens everything on them. */
  static Fixtures on(SandboxServer sandbox, Path dir, BucketLimit tenantLimit) {
    try {
      new FleetFiles(sandbox.fleet(), sandbox.baseUrl(), tenantLimit, "end-to-end test").write(dir);
      Map<String, String> env = env(dir.resolve("rotor.env"));
      RotorConfig config =
          ConfigLoader.load(dir.resolve("rotor.yaml"), env::get)
              .withStore(
                  new StoreSettings("jdbc:h2:file:" + dir.resolve("journal"), "rotor", null, 4))
              .withReportsDir(dir.resolve("reports"));
      config = config.withAtlas(config.atlas().withResponseTimeout(Duration.ofSeconds(2)));
      return new Fixtures(sandbox, dir, config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, String> env(Path file) throws IOException {
    Map<String, String> env = new HashMap<>();
    for (String line : Files.readAllLines(file)) {
      int eq = line.indexOf('=');
      if (eq > 0 && !line.startsWith("#")) {
        env.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return env;
  }

  Plan plan() {
    return PlanLoader.load(dir.resolve("plan.yaml"), config.credentials().keySet());
  }

  /** Returns the fleet's plan after {@code edit}, for tests that change its safety settings. */
  Plan plan(java.util.function.UnaryOperator<String> edit) {
    try {
      Path file = dir.resolve("plan.yaml");
      Path edited = dir.resolve("plan-" + System.nanoTime() + ".yaml");
      Files.writeString(edited, edit.apply(Files.readString(file)));
      return PlanLoader.load(edited, config.credentials().keySet());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns how many times the sandbox applied each revocation, by {@code fsId/idpId}. */
  Map<String, Long> revokedTimes() {
    return sandbox.revocations().stream()
        .collect(
            java.util.stream.Collectors.groupingBy(
                r -> r.federationSettingsId() + "/" + r.identityProviderId(),
                java.util.stream.Collectors.counting()));
  }

  /** Runs {@code plan} now and waits for the end of the run. */
  RunResult run(Plan plan, boolean dryRun) {
    var request = new RunRequest(plan, dryRun, false, "test@host", "test");
    return engine
        .run(request, new RunControl(), new Progress(java.time.Instant.now()))
        .block(Duration.ofSeconds(60));
  }

  static Fleet fleet(int tenants, int federations, int idps, long seed) {
    return Fleet.generate(tenants, federations, idps, seed);
  }

  @Override
  public void close() {
    engine.close();
    atlas.close();
    journal.close();
    sandbox.close();
  }
}
