package dev.rotor.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotor.atlas.AtlasClient;
import dev.rotor.config.AtlasSettings;
import dev.rotor.config.CredentialSpec;
import dev.rotor.config.RotorConfig;
import dev.rotor.config.Secret;
import dev.rotor.config.StoreSettings;
import dev.rotor.journal.Journal;
import dev.rotor.journal.RunState;
import dev.rotor.journal.TargetRecord;
import dev.rotor.journal.TargetState;
import dev.rotor.plan.PlanLoader;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tenant whose credential Atlas refuses at revocation time (it could read, it may not revoke) is
 * halted after a few refusals while the other tenant finishes.
 */
class CredentialHaltTest {
  private static final String REFUSED_FS = "aaaaaaaaaaaaaaaaaaaaaaaa";
  private static final String ALLOWED_FS = "bbbbbbbbbbbbbbbbbbbbbbbb";
  private static final String ORG = "cccccccccccccccccccccccc";

  @TempDir Path dir;
  private final MockWebServer atlas = new MockWebServer();
  private final List<String> deletes = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    atlas.setDispatcher(new FakeAtlas());
    atlas.start();
  }

  @AfterEach
  void stop() {
    atlas.close();
  }

  private static String idp(String fs, int i) {
    return fs.substring(0, 20) + String.format("%04d", i);
  }

  private final class FakeAtlas extends Dispatcher {
    @Override
    public MockResponse dispatch(RecordedRequest request) {
      String path = request.getUrl().encodedPath();
      if (path.equals("/api/oauth/token")) {
        return json(200, "{\"access_token\":\"t\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
      }
      if (request.getMethod().equals("DELETE")) {
        deletes.add(path);
        return path.contains(REFUSED_FS)
            ? json(403, "{\"error\":403,\"errorCode\":\"NOT_ORG_OWNER\",\"detail\":\"no\"}")
            : new MockResponse.Builder().code(204).build();
      }
      if (path.endsWith("/connectedOrgConfigs")) {
        return json(200, "{\"results\":[{\"orgId\":\"" + ORG + "\"}],\"totalCount\":1}");
      }
      String fs = path.contains(REFUSED_FS) ? REFUSED_FS : ALLOWED_FS;
      String idps =
          IntStream.range(0, 10)
              .mapToObj(
                  i ->
                      "{\"id\":\""
                          + idp(fs, i)
                          + "\",\"protocol\":\"OIDC\",\"idpType\":\"WORKLOAD\","
                          + "\"displayName\":\"w"
                          + i
                          + "\"}")
              .collect(Collectors.joining(","));
      return json(200, "{\"results\":[" + idps + "],\"totalCount\":10}");
    }
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .setHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  private Path plan() throws IOException {
    return Files.writeString(
        dir.resolve("plan.yaml"),
        """
        name: halt
        window: PT5M
        safety: {maxIdentityProviders: 100, maxFailureRatio: 1, canary: 0, confirm: false}
        tenants:
          - name: refused
            credential: refused-sa
            concurrency: 1
            federations:
              - federationSettingsId: %s
                select: {all: OIDC}
          - name: allowed
            credential: allowed-sa
            concurrency: 2
            federations:
              - federationSettingsId: %s
                select: {all: OIDC}
        """
            .formatted(REFUSED_FS, ALLOWED_FS));
  }

  @Test
  void haltsATenantWhoseCredentialIsRefusedWhileOthersFinish() throws IOException {
    Map<String, CredentialSpec> credentials =
        Map.of(
            "refused-sa", new CredentialSpec.ServiceAccount("refused-sa", "r", Secret.of("x", "t")),
            "allowed-sa",
                new CredentialSpec.ServiceAccount("allowed-sa", "a", Secret.of("y", "t")));
    URI url = URI.create(atlas.url("/").toString().replaceAll("/$", ""));
    RotorConfig config =
        RotorConfig.defaults()
            .withAtlas(AtlasSettings.defaults().withBaseUrl(url))
            .withCredentials(credentials)
            .withStore(new StoreSettings("jdbc:h2:file:" + dir.resolve("j"), "rotor", null, 4));
    var registry = new SimpleMeterRegistry();
    try (Journal journal = Journal.open(config.store());
        AtlasClient client = AtlasClient.create(config.atlas(), Clock.systemUTC(), registry);
        Engine engine = new Engine(config, journal, client, Clock.systemUTC(), registry, "test")) {
      var request =
          new RunRequest(PlanLoader.load(plan(), credentials.keySet()), false, false, "t", null);

      RunResult result =
          engine
              .run(request, new RunControl(), new Progress(Instant.now()))
              .block(Duration.ofSeconds(30));

      List<TargetRecord> refused;
      try (Stream<TargetRecord> all = journal.targets(result.runId())) {
        refused = all.filter(t -> t.tenant().equals("refused")).toList();
      }
      assertThat(result.state()).isEqualTo(RunState.COMPLETED_WITH_FAILURES);
      assertThat(refused).filteredOn(t -> t.state() == TargetState.FAILED).hasSize(3);
      assertThat(refused)
          .filteredOn(t -> t.state() == TargetState.SKIPPED)
          .hasSize(7)
          .allMatch(
              t -> t.reason().startsWith("tenant halted: credential refused (HTTP_ERROR 403"));
      assertThat(deletes.stream().filter(d -> d.contains(REFUSED_FS))).hasSize(3);
      assertThat(deletes.stream().filter(d -> d.contains(ALLOWED_FS))).hasSize(10);
    }
  }
}
