package dev.rotor.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Previews a plan: targets, organizations logged out, skips and an estimate; revokes nothing. */
@Command(
    name = "plan",
    description =
        "Previews a plan: targets, organizations logged out, skips and an estimate; revokes nothing.",
    mixinStandardHelpOptions = true,
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:the run finished but some identity providers failed or have an unknown outcome",
      "2:bad usage or invalid input (nothing was sent to Atlas)",
      "3:aborted: a safety guard tripped, the window closed, or a signal stopped the run",
      "4:internal error"
    })
final class PlanCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ConfigOption config;

  @Parameters(paramLabel = "PLAN", description = "The plan file.")
  Path plan;

  @Option(names = "--output", paramLabel = "FORMAT", description = "text (default) or json.")
  String output = "text";

  @Override
  public Integer call() {
    return NotBuiltYet.refuse(spec.commandLine().getErr(), "plan", "the revocation engine");
  }
}
