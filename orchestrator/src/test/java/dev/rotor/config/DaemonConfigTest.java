package dev.rotor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rotor.input.InvalidInputException;
import dev.rotor.input.Problem;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads the daemon and notifications sections of the configuration. */
class DaemonConfigTest {
  @TempDir Path dir;

  @Test
  void readsDaemonAndWebhooks() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("rotor.yaml"),
            """
            daemon:
              httpHost: 0.0.0.0
              httpPort: 9100
              bearerToken: ${env:OPS_TOKEN}
              checkinInterval: PT3S
              staleRunAfter: PT45S
              planPollInterval: PT2S
            notifications:
              webhooks:
                - url: https://hooks.example.com/rotor
                  secret: ${env:HOOK_SECRET}
                  plans: [quarterly-rotation]
                  tenants: [acme]
                  events: [RUN_FAILED, IDP_OVERDUE]
                - url: http://127.0.0.1:9000/all
                  secret: ${env:HOOK_SECRET}
            """);

    RotorConfig config =
        ConfigLoader.load(file, Map.of("OPS_TOKEN", "t0k", "HOOK_SECRET", "h00k")::get);

    DaemonSettings daemon = config.daemon();
    assertThat(daemon.httpHost()).isEqualTo("0.0.0.0");
    assertThat(daemon.httpPort()).isEqualTo(9100);
    assertThat(daemon.bearerToken().reveal()).isEqualTo("t0k");
    assertThat(daemon.checkinInterval()).isEqualTo(Duration.ofSeconds(3));
    assertThat(daemon.staleRunAfter()).isEqualTo(Duration.ofSeconds(45));
    assertThat(daemon.planPollInterval()).isEqualTo(Duration.ofSeconds(2));
    List<Webhook> webhooks = config.notifications().webhooks();
    assertThat(webhooks).hasSize(2);
    assertThat(webhooks.get(0).url()).isEqualTo(URI.create("https://hooks.example.com/rotor"));
    assertThat(webhooks.get(0).events())
        .containsExactlyInAnyOrder(Webhook.Event.RUN_FAILED, Webhook.Event.IDP_OVERDUE);
    assertThat(
            webhooks.get(0).wants(Webhook.Event.RUN_FAILED, "quarterly-rotation", Set.of("acme")))
        .isTrue();
    assertThat(webhooks.get(0).wants(Webhook.Event.RUN_FAILED, "other", Set.of("acme"))).isFalse();
    assertThat(webhooks.get(1).events()).hasSize(4);
    assertThat(webhooks.get(1).secret().toString()).doesNotContain("h00k");
  }

  @Test
  void defaultsWithoutTheSections() {
    RotorConfig config = ConfigLoader.load(null, name -> null);

    assertThat(config.daemon()).isEqualTo(DaemonSettings.defaults());
    assertThat(config.daemon().httpHost()).isEqualTo("127.0.0.1");
    assertThat(config.notifications().webhooks()).isEmpty();
  }

  @Test
  void reportsEveryProblemWithItsLine() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("rotor.yaml"),
            """
            daemon:
              httpPort: 70000
              bearerToken: plain-text-token
              staleRunAfter: soon
            notifications:
              webhooks:
                - url: ftp://example.com
                  secret: ${env:MISSING}
                  events: [RUN_EXPLODED]
                  retries: 3
            """);

    var e =
        catchThrowableOfType(InvalidInputException.class, () -> ConfigLoader.load(file, n -> null));

    assertThat(e.problems().stream().map(Problem::format).toList())
        .anySatisfy(p -> assertThat(p).contains(":2:").contains("daemon.httpPort"))
        .anySatisfy(p -> assertThat(p).contains(":3:").contains("must not be written"))
        .anySatisfy(p -> assertThat(p).contains(":4:").contains("daemon.staleRunAfter"))
        .anySatisfy(p -> assertThat(p).contains(":7:").contains("http or https"))
        .anySatisfy(p -> assertThat(p).contains(":8:").contains("MISSING"))
        .anySatisfy(p -> assertThat(p).contains(":9:").contains("RUN_EXPLODED"))
        .anySatisfy(p -> assertThat(p).contains(":10:").contains("retries"))
        .noneSatisfy(p -> assertThat(p).contains("plain-text-token"));
  }
}
