package dev.rotor.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotor.config.RotorConfig;
import dev.rotor.journal.Journal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.PublicKey;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Checks that a flipped byte, a swapped signature or a removed run is detected and named. */
class ReportIntegrityTest {
  @TempDir Path tmp;
  private Journal journal;
  private RotorConfig config;

  @BeforeEach
  void openJournal() {
    journal = ReportFixture.journal(tmp);
    config = ReportFixture.config(tmp);
  }

  @AfterEach
  void closeJournal() {
    journal.close();
  }

  private PublicKey publicKey() {
    return ReportKeys.publicKey(ReportKeys.defaultPublicKey(config.reports()));
  }

  private Path writeRun(String runId, int minutes) {
    ReportFixture.cleanRun(journal, runId, ReportFixture.T0.plusSeconds(60L * minutes));
    return ReportWriter.writeAll(journal, runId, config);
  }

  @Test
  void anUntouchedRunVerifies() {
    Path dir = writeRun("run-1", 0);

    Verification result = ReportVerifier.verifyRun(dir, publicKey());

    assertThat(result.problems()).isEmpty();
    assertThat(result.checked()).hasSize(5);
  }

  @Test
  void theGeneratedPrivateKeyIsReadableByItsOwnerOnly() throws Exception {
    writeRun("run-1", 0);

    Path key = tmp.resolve("keys").resolve(ReportKeys.PRIVATE_FILE);

    assertThat(Files.getPosixFilePermissions(key))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY-----");
  }

  @ParameterizedTest
  @ValueSource(strings = {"report.json", "report.csv", "report.html", "report.md"})
  void aFlippedByteIsNamed(String name) throws Exception {
    Path dir = writeRun("run-1", 0);
    flipByte(dir.resolve(name), 40);

    Verification result = ReportVerifier.verifyRun(dir, publicKey());

    assertThat(result.problems()).singleElement().asString().contains(name, "SHA-256 differs");
  }

  @Test
  void aTenantSliceIsVerifiedWithItsRun() throws Exception {
    Path dir = writeRun("run-1", 0);
    Path slice = ReportWriter.writeTenant(journal, "run-1", "acme", config);
    assertThat(ReportVerifier.verifyRun(dir, publicKey()).problems()).isEmpty();

    flipByte(slice.resolve("report.csv"), 10);

    assertThat(ReportVerifier.verifyRun(dir, publicKey()).problems())
        .singleElement()
        .satisfies(p -> assertThat(p).contains("tenants/acme/report.csv", "SHA-256 differs"));
  }

  @Test
  void anAlteredManifestBreaksTheSignature() throws Exception {
    Path dir = writeRun("run-1", 0);
    flipByte(dir.resolve("manifest.json"), 30);

    Verification result = ReportVerifier.verifyRun(dir, publicKey());

    assertThat(result.problems())
        .anySatisfy(p -> assertThat(p).contains("manifest.sig does not match"));
  }

  @Test
  void aSwappedSignatureIsDetected() throws Exception {
    Path first = writeRun("run-1", 0);
    Path second = writeRun("run-2", 10);
    Files.copy(
        first.resolve("manifest.sig"),
        second.resolve("manifest.sig"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    Verification result = ReportVerifier.verifyRun(second, publicKey());

    assertThat(result.problems())
        .singleElement()
        .asString()
        .contains("run-2", "manifest.sig does not match");
  }

  @Test
  void aMissingOrExtraFileIsNamed() throws Exception {
    Path dir = writeRun("run-1", 0);
    Files.delete(dir.resolve("report.md"));
    Files.writeString(dir.resolve("notes.txt"), "added later");

    List<String> problems = ReportVerifier.verifyRun(dir, publicKey()).problems();

    assertThat(problems).hasSize(2);
    assertThat(problems.get(0)).contains("report.md", "missing");
    assertThat(problems.get(1)).contains("notes.txt", "not listed");
  }

  @Test
  void theChainOfAPlansRunsVerifies() {
    writeRun("run-1", 0);
    writeRun("run-2", 10);
    Path third = writeRun("run-3", 20);

    Verification result = ReportVerifier.verifyChain(third.getParent(), publicKey());

    assertThat(result.problems()).isEmpty();
    assertThat(result.checked()).filteredOn(c -> c.contains("link")).hasSize(3);
  }

  @Test
  void rewritingAnUnchangedRunKeepsTheChain() throws Exception {
    Path first = writeRun("run-1", 0);
    byte[] before = Files.readAllBytes(first.resolve("manifest.json"));
    writeRun("run-2", 10);

    ReportWriter.writeAll(journal, "run-1", config);

    assertThat(Files.readAllBytes(first.resolve("manifest.json"))).isEqualTo(before);
    assertThat(ReportVerifier.verifyChain(first.getParent(), publicKey()).problems()).isEmpty();
  }

  @Test
  void aRemovedRunIsTheFirstBrokenLink() throws Exception {
    writeRun("run-1", 0);
    Path second = writeRun("run-2", 10);
    writeRun("run-3", 20);
    deleteTree(second);

    Verification result = ReportVerifier.verifyChain(second.getParent(), publicKey());

    assertThat(result.problems())
        .singleElement()
        .asString()
        .contains("broken link at run run-3", "run-2", "missing");
  }

  @Test
  void aRemovedFirstRunIsDetected() throws Exception {
    Path first = writeRun("run-1", 0);
    writeRun("run-2", 10);
    deleteTree(first);

    Verification result = ReportVerifier.verifyChain(first.getParent(), publicKey());

    assertThat(result.problems()).singleElement().asString().contains("run-2", "run-1", "missing");
  }

  @Test
  void aConfiguredKeySignsAndAnotherKeyFails() throws Exception {
    var pair = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    var secret =
        dev.rotor.config.Secret.of(
            ReportKeys.pem("PRIVATE KEY", pair.getPrivate().getEncoded()), "${file:k.pem}");
    config =
        config.withReports(
            new dev.rotor.config.ReportSettings(
                config.reportsDir(), secret, null, tmp.resolve("unused-keys")));

    Path dir = writeRun("run-1", 0);

    assertThat(ReportVerifier.verifyRun(dir, pair.getPublic()).problems()).isEmpty();
    assertThat(Files.exists(tmp.resolve("unused-keys"))).isFalse();
    var other = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    assertThat(ReportVerifier.verifyRun(dir, other.getPublic()).problems())
        .singleElement()
        .asString()
        .contains("manifest.sig does not match");
  }

  private static void flipByte(Path file, int at) throws Exception {
    byte[] bytes = Files.readAllBytes(file);
    bytes[at] ^= 0x01;
    Files.write(file, bytes);
  }

  private static void deleteTree(Path dir) throws Exception {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
