package dev.rotor.atlas;

import static dev.rotor.atlas.AtlasStub.error;
import static dev.rotor.atlas.AtlasStub.json;
import static dev.rotor.atlas.AtlasStub.noContent;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import dev.rotor.auth.AccessToken;
import dev.rotor.auth.TokenFetchException;
import dev.rotor.config.CredentialSpec.ServiceAccount;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class SecretsStayHiddenTest extends AtlasClientFixture {
  private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
  // Rotor's own logger, which the test logging config may set above DEBUG.
  private final Logger root = (Logger) LoggerFactory.getLogger("dev.rotor");
  private Level previousLevel;

  @BeforeEach
  void captureLogs() {
    previousLevel = root.getLevel();
    root.setLevel(Level.DEBUG);
    captured.start();
    root.addAppender(captured);
  }

  @AfterEach
  void releaseLogs() {
    root.detachAppender(captured);
    root.setLevel(previousLevel);
  }

  @Test
  void secretsAndTokensNeverAppearInLogsResultsOrMessages() {
    ServiceAccount refused =
        new ServiceAccount(
            "refused-sa", "id2", dev.rotor.config.Secret.of("refused-secret-value", "test"));
    stub.api(
        json(401, error(401, "USER_UNAUTHORIZED", "expired")),
        noContent(),
        AtlasClientAuthTest.challenge("nonce-1", false),
        noContent(),
        noContent());
    stub.tokenAnswers.add(AtlasStub.token("tok-1", 3600));
    stub.tokenAnswers.add(AtlasStub.token("tok-2", 3600));
    stub.tokenAnswers.add(json(401, "{\"error\":\"invalid_client\"}"));
    List<Object> outputs = new ArrayList<>();

    outputs.add(client.revokeJwks(SERVICE_ACCOUNT, FS, IDP).block());
    outputs.add(client.revokeJwks(API_KEY, FS, IDP).block());
    outputs.add(client.revokeJwks(API_KEY, FS, IDP).block());
    outputs.add(client.revokeJwks(refused, FS, IDP).block());
    client.shutdown(Duration.ofSeconds(2)).block(Duration.ofSeconds(5));
    outputs.add(SERVICE_ACCOUNT);
    outputs.add(API_KEY);
    outputs.add(refused);
    outputs.add(new AccessToken("tok-1", clock.instant(), clock.instant().plusSeconds(60)));
    outputs.add(new TokenFetchException("ops-sa", 401, null, "refused", null).getMessage());

    String everything =
        String.join("\n", outputs.stream().map(String::valueOf).toList())
            + "\n"
            + String.join("\n", logLines());

    assertThat(everything).contains("fs=" + FS + " idp=" + IDP).contains("AUTH_FAILED");
    assertThat(stub.revokeRequests).hasSize(1);
    for (String secret :
        List.of(SA_SECRET, API_PRIVATE_KEY, "refused-secret-value", "tok-1", "tok-2")) {
      assertThat(everything).doesNotContain(secret);
    }
  }

  private List<String> logLines() {
    List<String> lines = new ArrayList<>();
    for (ILoggingEvent event : captured.list) {
      lines.add(event.getFormattedMessage());
      for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
        lines.add(t.getClassName() + ": " + t.getMessage());
      }
    }
    return lines;
  }
}
