package dev.rotor.atlas;

import dev.rotor.auth.MutableClock;
import dev.rotor.config.ApiVersions;
import dev.rotor.config.AtlasSettings;
import dev.rotor.config.CredentialSpec.ApiKey;
import dev.rotor.config.CredentialSpec.ServiceAccount;
import dev.rotor.config.Secret;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/** Starts a MockWebServer with an {@link AtlasStub} and a client pointed at it. */
abstract class AtlasClientFixture {
  static final String FS = "55fa922fb343282757d9554e";
  static final String IDP = "32b6e34b3d91647abb20e7b8";
  static final String ORG = "4888442a3354817a7320eb61";
  static final String SA_SECRET = "sa-very-secret-value";
  static final String API_PRIVATE_KEY = "api-private-key-value";
  static final ServiceAccount SERVICE_ACCOUNT =
      new ServiceAccount("ops-sa", "mdb_sa_id_1234", Secret.of(SA_SECRET, "${env:SA}"));
  static final ApiKey API_KEY =
      new ApiKey("legacy-key", "pubkey1", Secret.of(API_PRIVATE_KEY, "${env:KEY}"));

  final AtlasStub stub = new AtlasStub();
  final MockWebServer server = new MockWebServer();
  final MutableClock clock = MutableClock.atStart();
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  AtlasClient client;

  @BeforeEach
  void startServer() throws IOException {
    server.setDispatcher(stub);
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    client = newClient(settings(), Schedulers.parallel());
  }

  @AfterEach
  void stopServer() {
    client.shutdown(Duration.ofMillis(200)).block(Duration.ofSeconds(5));
    server.close();
  }

  AtlasSettings settings() {
    return new AtlasSettings(
        URI.create("http://127.0.0.1:" + server.getPort()),
        ApiVersions.defaults(),
        Duration.ofSeconds(2),
        Duration.ofSeconds(5),
        16,
        Duration.ofMinutes(5));
  }

  AtlasClient newClient(AtlasSettings settings, Scheduler scheduler) {
    return AtlasClient.create(settings, clock, registry, scheduler);
  }

  /** Replaces the client, shutting the old one down. */
  void useClient(AtlasClient replacement) {
    client.shutdown(Duration.ofMillis(100)).block(Duration.ofSeconds(5));
    client = replacement;
  }
}
