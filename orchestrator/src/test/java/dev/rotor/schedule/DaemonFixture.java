package dev.rotor.schedule;

import dev.rotor.config.CredentialSpec;
import dev.rotor.config.DaemonSettings;
import dev.rotor.config.RotorConfig;
import dev.rotor.config.Secret;
import dev.rotor.config.StoreSettings;
import dev.rotor.report.ReportWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/** Builds daemons on an H2 file (or a given store) with the fake engine, and their plan files. */
final class DaemonFixture {
  final Path dir;
  final Path plans;
  final AtomicReference<FakeLauncher> launcher = new AtomicReference<>();
  RotorConfig config;
  boolean holdRuns;
  Tuning tuning =
      Tuning.defaults()
          .withMisfireThreshold(Duration.ofSeconds(1))
          .withDelivery(new Notifier.Delivery(3, Duration.ofMillis(50), Duration.ofSeconds(2)))
          .withStaleness(Duration.ZERO, Duration.ofMillis(300))
          .withMetricsEvery(Duration.ofMillis(500));

  DaemonFixture(Path dir) throws IOException {
    this.dir = dir;
    this.plans = Files.createDirectories(dir.resolve("plans"));
    String url = "jdbc:h2:file:" + dir.resolve("db/rotor").toAbsolutePath();
    this.config =
        RotorConfig.defaults()
            .withStore(StoreSettings.defaults().withJdbcUrl(url))
            .withReportsDir(dir.resolve("reports"))
            .withCredentials(
                Map.of(
                    "acme-sa",
                    new CredentialSpec.ServiceAccount("acme-sa", "id", Secret.of("s", "test"))))
            .withDaemon(
                DaemonSettings.defaults()
                    .withHttpPort(0)
                    .withTimings(
                        Duration.ofSeconds(2), Duration.ofHours(1), Duration.ofMillis(100)));
  }

  /** Starts a daemon called {@code nodeId} with the fake engine. */
  Daemon start(String nodeId) {
    Wiring wiring =
        new Wiring(
            (config, journal, registry, node, clock) -> {
              FakeLauncher fake = new FakeLauncher(journal, node, clock);
              if (holdRuns) {
                fake.hold();
              }
              launcher.set(fake);
              return fake;
            },
            ReportWriter::writeAll,
            Clock.systemUTC(),
            tuning);
    return Daemon.start(config, new DaemonOptions(plans, 0, nodeId), wiring);
  }

  FakeLauncher fake() {
    return launcher.get();
  }

  /** Writes a plan called {@code name} fired by {@code scheduleYaml} (null: no schedule). */
  Path writePlan(String name, String scheduleYaml) throws IOException {
    return Files.writeString(plans.resolve(name + ".yaml"), plan(name, scheduleYaml));
  }

  static String plan(String name, String scheduleYaml) {
    return "name: "
        + name
        + "\n"
        + (scheduleYaml == null ? "" : "schedule:\n" + scheduleYaml.indent(2))
        + """
        window: PT10M
        safety:
          maxIdentityProviders: 10
          maxFailureRatio: 0.2
          canary: 1
          confirm: false
          cooldown: PT1M
        tenants:
          - name: acme
            credential: acme-sa
            federations:
              - federationSettingsId: 64a1fed00000000000000001
                select: {all: OIDC}
        """;
  }

  /**
   * Returns a schedule firing once, at the first whole second at least {@code seconds} from now (a
   * cron with a year); the lead covers the plan's being picked up by two polls before it fires.
   */
  static String onceIn(int seconds, String misfire) {
    ZonedDateTime at =
        ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).plusSeconds(seconds + 1);
    String cron =
        String.format(
            "%d %d %d %d %d ? %d",
            at.getSecond(),
            at.getMinute(),
            at.getHour(),
            at.getDayOfMonth(),
            at.getMonthValue(),
            at.getYear());
    return "cron: \"" + cron + "\"\ntimeZone: UTC\nmisfire: " + misfire + "\n";
  }

  /** Returns a schedule with {@code cron} in UTC. */
  static String cron(String cron, String misfire) {
    return "cron: \"" + cron + "\"\ntimeZone: UTC\nmisfire: " + misfire + "\n";
  }
}
