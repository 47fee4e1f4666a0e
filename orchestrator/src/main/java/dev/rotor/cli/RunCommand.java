package dev.rotor.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Runs a plan now: revokes the JWKS of every identity provider it selects. */
@Command(
    name = "run",
    description = "Runs a plan now: revokes the JWKS of every identity provider it selects.",
    mixinStandardHelpOptions = true,
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:the run finished but some identity providers failed or have an unknown outcome",
      "2:bad usage or invalid input (nothing was sent to Atlas)",
      "3:aborted: a safety guard tripped, the window closed, or a signal stopped the run",
      "4:internal error"
    })
final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ConfigOption config;

  @Parameters(paramLabel = "PLAN", description = "The plan file.")
  Path plan;

  @Option(names = "--dry-run", description = "Do everything but revoke.")
  boolean dryRun;

  @Option(names = "--yes", description = "Do not ask for confirmation.")
  boolean yes;

  @Option(names = "--force", description = "Revoke even identity providers within their cooldown.")
  boolean force;

  @Option(names = "--reason", paramLabel = "TEXT", description = "Why this run, for the report.")
  String reason;

  @Override
  public Integer call() {
    return NotBuiltYet.refuse(spec.commandLine().getErr(), "run", "the revocation engine");
  }
}
