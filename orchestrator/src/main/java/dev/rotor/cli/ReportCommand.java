package dev.rotor.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Writes or checks the report of a run. */
@Command(
    name = "report",
    description = "Writes or checks the report of a run.",
    mixinStandardHelpOptions = true,
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:the run finished but some identity providers failed or have an unknown outcome",
      "2:bad usage or invalid input (nothing was sent to Atlas)",
      "3:aborted: a safety guard tripped, the window closed, or a signal stopped the run",
      "4:internal error"
    })
final class ReportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ConfigOption config;

  @Parameters(paramLabel = "RUN_ID", arity = "0..1", description = "The run.")
  String runId;

  @Option(names = "--format", paramLabel = "FORMAT", description = "json, csv, html or md.")
  String format = "json";

  @Option(names = "--out", paramLabel = "FILE", description = "Where to write (default: stdout).")
  Path out;

  @Option(names = "--tenant", paramLabel = "NAME", description = "Only this tenant.")
  String tenant;

  @Override
  public Integer call() {
    return NotBuiltYet.refuse(spec.commandLine().getErr(), "report", "the compliance reports");
  }
}
