package dev.rotor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rotor.input.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks the {@code reports} section: its folder, signing key reference and public key. */
class ReportSettingsConfigTest {
  @TempDir Path dir;

  @Test
  void readsTheSigningKeyAsASecretAndThePublicKeyBesideTheConfig() throws IOException {
    Files.writeString(dir.resolve("signing.pem"), "-----BEGIN PRIVATE KEY-----\nAAAA\n");
    Path file = dir.resolve("rotor.yaml");
    Files.writeString(
        file,
        "reports:\n  dir: out\n  signingKey: ${file:signing.pem}\n  publicKey: signing.pub\n");

    ReportSettings reports = ConfigLoader.load(file, Map.<String, String>of()::get).reports();

    assertThat(reports.dir()).isEqualTo(Path.of("out"));
    assertThat(reports.signingKey()).isNotNull();
    assertThat(reports.signingKey().toString()).doesNotContain("PRIVATE");
    assertThat(reports.publicKey()).isEqualTo(dir.toAbsolutePath().resolve("signing.pub"));
    assertThat(reports.keysDir()).isEqualTo(Path.of("data", "keys"));
  }

  @Test
  void refusesASigningKeyWrittenInTheFile() throws IOException {
    Path file = dir.resolve("rotor.yaml");
    Files.writeString(file, "reports:\n  signingKey: MC4CAQAwBQYDK2VwBCIEI\n");

    var e =
        catchThrowableOfType(
            InvalidInputException.class,
            () -> ConfigLoader.load(file, Map.<String, String>of()::get));

    assertThat(e.getMessage()).contains("reports.signingKey").doesNotContain("MC4CAQ");
  }

  @Test
  void defaultsWriteUnderReportsWithAGeneratedKey() {
    RotorConfig config = ConfigLoader.load(null, Map.<String, String>of()::get);

    assertThat(config.reportsDir()).isEqualTo(Path.of("reports"));
    assertThat(config.reports().signingKey()).isNull();
  }
}
