package dev.rotor.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Starts the embedded Atlas sandbox with the demo fleet and runs plans/demo.yaml against it. */
@Command(
    name = "demo",
    description =
        "Starts the embedded Atlas sandbox with the demo fleet and runs plans/demo.yaml against it.",
    mixinStandardHelpOptions = true,
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:the run finished but some identity providers failed or have an unknown outcome",
      "2:bad usage or invalid input (nothing was sent to Atlas)",
      "3:aborted: a safety guard tripped, the window closed, or a signal stopped the run",
      "4:internal error"
    })
final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ConfigOption config;

  @Option(
      names = "--plan",
      paramLabel = "FILE",
      description = "The plan to run (default: plans/demo.yaml).")
  Path plan = Path.of("plans", "demo.yaml");

  @Override
  public Integer call() {
    return NotBuiltYet.refuse(spec.commandLine().getErr(), "demo", "the revocation engine");
  }
}
