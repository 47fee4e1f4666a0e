package dev.rotor.cli;

import dev.rotor.report.ReportKeys;
import dev.rotor.report.ReportVerifier;
import dev.rotor.report.Verification;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Checks a report folder's digests and signature, or the chain of a plan's runs. */
@Command(
    name = "verify",
    description = {
      "Checks every file of a report folder against manifest.json and manifest.json against",
      "manifest.sig; with --chain, checks every run folder of a plan folder and the links that",
      "chain their manifests, and names the first broken link."
    },
    mixinStandardHelpOptions = true,
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:intact",
      "1:tampered: a file, the signature or a link of the chain does not match",
      "2:bad usage, missing folder or unreadable public key"
    })
final class ReportVerifyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ConfigOption config;

  @Parameters(
      paramLabel = "DIR",
      description = "A run folder, or with --chain a plan folder such as reports/<plan>/.")
  Path dir;

  @Option(names = "--chain", description = "Verify every run of the plan folder and their links.")
  boolean chain;

  @Option(
      names = "--public-key",
      paramLabel = "FILE",
      description =
          "The Ed25519 public key, PEM (default: reports.publicKey of the config, else"
              + " data/keys/report-signing.pub).")
  @Nullable Path publicKey;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.isDirectory(dir)) {
      err.println("rotor report verify: " + dir + " is not a folder");
      return ExitCodes.INVALID;
    }
    Path keyFile =
        publicKey != null ? publicKey : ReportKeys.defaultPublicKey(config.load().reports());
    PublicKey key;
    try {
      key = ReportKeys.publicKey(keyFile);
    } catch (RuntimeException e) {
      err.println("rotor report verify: " + e.getMessage());
      return ExitCodes.INVALID;
    }
    Verification result =
        chain ? ReportVerifier.verifyChain(dir, key) : ReportVerifier.verifyRun(dir, key);
    return print(result, keyFile, out, err);
  }

  private int print(Verification result, Path keyFile, PrintWriter out, PrintWriter err) {
    if (result.ok()) {
      out.println(
          "OK: " + result.checked().size() + " checks passed in " + dir + " (key " + keyFile + ")");
      out.flush();
      return ExitCodes.OK;
    }
    result.problems().forEach(problem -> err.println("TAMPERED: " + problem));
    err.flush();
    return 1;
  }
}
