package dev.rotor.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Runs the scheduler: fires every plan that has a schedule, on time and once. */
@Command(
    name = "daemon",
    description = "Runs the scheduler: fires every plan that has a schedule, on time and once.",
    mixinStandardHelpOptions = true,
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:the run finished but some identity providers failed or have an unknown outcome",
      "2:bad usage or invalid input (nothing was sent to Atlas)",
      "3:aborted: a safety guard tripped, the window closed, or a signal stopped the run",
      "4:internal error"
    })
final class DaemonCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ConfigOption config;

  @Option(
      names = "--plans",
      paramLabel = "DIR",
      description = "Folder of plan files (default: plans).")
  Path plans = Path.of("plans");

  @Option(names = "--http-port", paramLabel = "PORT", description = "Port of the ops endpoints.")
  Integer httpPort;

  @Override
  public Integer call() {
    return NotBuiltYet.refuse(spec.commandLine().getErr(), "daemon", "the scheduler daemon");
  }
}
