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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  private static final Path BAD = Path.of("src/test/resources/config/bad");

  @TempDir Path dir;

  private Path write(String name, String yaml) throws IOException {
    return Files.writeString(dir.resolve(name), yaml);
  }

  private static List<String> problems(Path file, Map<String, String> env) {
    var e =
        catchThrowableOfType(InvalidInputException.class, () -> ConfigLoader.load(file, env::get));
    assertThat(e).as("%s must be rejected", file).isNotNull();
    return e.problems().stream().map(Problem::format).toList();
  }

  @Test
  void resolvesEnvironmentAndFileReferences() throws IOException {
    Files.writeString(dir.resolve("legacy.key"), "private-key-value\n");
    Path file =
        write(
            "rotor.yaml",
            """
            atlas:
              baseUrl: http://127.0.0.1:8089/
              responseTimeout: PT5S
              apiVersions: {revokeJwks: 2025-03-12}
            credentials:
              acme-sa:
                type: service-account
                clientId: ${env:ACME_ID}
                clientSecret: ${env:ACME_SECRET}
              legacy:
                type: api-key
                publicKey: abcdefgh
                privateKey: ${file:legacy.key}
            engine: {maxInFlight: 64}
            """);

    RotorConfig config =
        ConfigLoader.load(file, Map.of("ACME_ID", "id-1", "ACME_SECRET", "s3cr3t")::get);

    assertThat(config.atlas().baseUrl()).isEqualTo(URI.create("http://127.0.0.1:8089"));
    assertThat(config.atlas().responseTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.atlas().versions().revokeJwks()).isEqualTo("2025-03-12");
    assertThat(config.atlas().versions().listOrgEvents()).isEqualTo("2023-01-01");
    var acme = (CredentialSpec.ServiceAccount) config.credential("acme-sa").orElseThrow();
    assertThat(acme.clientId()).isEqualTo("id-1");
    assertThat(acme.clientSecret().reveal()).isEqualTo("s3cr3t");
    assertThat(acme.toString()).doesNotContain("s3cr3t").contains("${env:ACME_SECRET}");
    var legacy = (CredentialSpec.ApiKey) config.credential("legacy").orElseThrow();
    assertThat(legacy.privateKey().reveal()).isEqualTo("private-key-value");
    assertThat(config.engine().maxInFlight()).isEqualTo(64);
  }

  @Test
  void environmentOverridesTheFile() throws IOException {
    Path file = write("rotor.yaml", "atlas: {baseUrl: https://cloud.mongodb.com}\n");

    RotorConfig config =
        ConfigLoader.load(file, Map.of("ROTOR_ATLAS_BASE_URL", "http://127.0.0.1:9999")::get);

    assertThat(config.atlas().baseUrl()).isEqualTo(URI.create("http://127.0.0.1:9999"));
  }

  @Test
  void rejectsALiteralSecretWithoutPrintingIt() {
    List<String> problems = problems(BAD.resolve("literal-secret.yaml"), Map.of());

    assertThat(problems)
        .containsExactly(
            BAD.resolve("literal-secret.yaml")
                + ":5:19: credentials.acme-sa.clientSecret: a secret must not be written in the"
                + " config; reference it as ${env:NAME} or ${file:PATH} (the value was not"
                + " printed)");
    assertThat(String.join("\n", problems)).doesNotContain("supersecretvalue");
  }

  @Test
  void reportsMissingReferencesAsMissing() {
    Path file = BAD.resolve("missing-reference.yaml");

    assertThat(problems(file, Map.of()))
        .containsExactly(
            file
                + ":5:19: credentials.acme-sa.clientSecret: ${env:ROTOR_TEST_NO_SUCH_VARIABLE}"
                + " cannot be resolved: environment variable ROTOR_TEST_NO_SUCH_VARIABLE is"
                + " missing or empty",
            file
                + ":9:17: credentials.legacy.privateKey: ${file:no-such-secret-file} cannot be"
                + " resolved: file "
                + file.toAbsolutePath().getParent().resolve("no-such-secret-file")
                + " is missing or empty");
  }

  @Test
  void suggestsTheSectionAnUnknownOneWasMeantToBe() throws IOException {
    Path file = write("rotor.yaml", "atlas: {}\ncredentails: {}\n");

    assertThat(problems(file, Map.of()))
        .containsExactly(file + ":2:1: credentails: unknown field (did you mean 'credentials'?)");
  }
}
