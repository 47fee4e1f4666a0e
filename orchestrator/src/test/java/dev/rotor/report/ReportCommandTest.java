package dev.rotor.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotor.journal.Journal;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs {@code rotor report} in-process against a journal and a config with a configured key. */
class ReportCommandTest {
  @TempDir Path tmp;
  private Path configFile;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void journalARunAndWriteAConfig() throws Exception {
    try (Journal journal = ReportFixture.journal(tmp)) {
      ReportFixture.awkwardRun(journal, "run-1", ReportFixture.T0, 3);
    }
    KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    Files.writeString(
        tmp.resolve("signing.pem"), ReportKeys.pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
    Files.writeString(
        tmp.resolve("signing.pub"), ReportKeys.pem("PUBLIC KEY", pair.getPublic().getEncoded()));
    configFile = tmp.resolve("rotor.yaml");
    Files.writeString(
        configFile,
        "store:\n  url: jdbc:h2:file:"
            + tmp.toAbsolutePath().resolve("j")
            + "\nreports:\n  dir: "
            + tmp.toAbsolutePath().resolve("reports")
            + "\n  signingKey: ${file:signing.pem}\n  publicKey: signing.pub\n");
  }

  private int rotor(String... args) {
    CommandLine cli = dev.rotor.cli.Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void reportWritesTheRunFolderAndVerifyChecksIt() throws Exception {
    int written = rotor("report", "run-1", "--config", configFile.toString());
    Path dir = Path.of(out.toString().strip());

    assertThat(written).as(err.toString()).isZero();
    assertThat(dir).isDirectory().endsWith(Path.of("quarterly-rotation", "run-1"));
    assertThat(rotor("report", "verify", dir.toString(), "--config", configFile.toString()))
        .as(err.toString())
        .isZero();
    assertThat(
            rotor(
                "report",
                "verify",
                "--chain",
                dir.getParent().toString(),
                "--config",
                configFile.toString()))
        .isZero();

    Files.writeString(dir.resolve("report.csv"), "tampered");
    assertThat(rotor("report", "verify", dir.toString(), "--config", configFile.toString()))
        .isEqualTo(1);
    assertThat(err.toString()).contains("TAMPERED", "report.csv");
  }

  @Test
  void reportWritesOneFormatOfOneTenantToAFile() throws Exception {
    Path md = tmp.resolve("acme.md");

    int code =
        rotor(
            "report",
            "run-1",
            "--tenant",
            "acme",
            "--out",
            md.toString(),
            "--config",
            configFile.toString());

    assertThat(code).as(err.toString()).isZero();
    assertThat(Files.readString(md)).contains("| acme |").doesNotContain("| globex |");
  }

  @Test
  void anUnknownRunOrTenantIsBadUsage() {
    assertThat(rotor("report", "no-such-run", "--config", configFile.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("No run no-such-run");
    assertThat(rotor("report", "run-1", "--tenant", "nobody", "--config", configFile.toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("no tenant 'nobody'");
  }

  @Test
  void historyListsTheIdentityProviders() {
    int code =
        rotor(
            "report",
            "history",
            "--format",
            "csv",
            "--plans",
            "../plans",
            "--config",
            configFile.toString());

    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).startsWith("plan,tenant");
    assertThat(out.toString().split("\nquarterly-rotation,", -1)).hasSize(10);
  }
}
