package dev.rotor.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Continues an interrupted or stopped run from the journal. */
@Command(
    name = "resume",
    description = "Continues an interrupted or stopped run from the journal.",
    mixinStandardHelpOptions = true,
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:the run finished but some identity providers failed or have an unknown outcome",
      "2:bad usage or invalid input (nothing was sent to Atlas)",
      "3:aborted: a safety guard tripped, the window closed, or a signal stopped the run",
      "4:internal error"
    })
final class ResumeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ConfigOption config;

  @Parameters(paramLabel = "RUN_ID", description = "The run to continue.")
  String runId;

  @Option(names = "--retry-failed", description = "Send again the revocations that failed.")
  boolean retryFailed;

  @Option(
      names = "--retry-unknown",
      description = "Send again the revocations whose outcome is unknown.")
  boolean retryUnknown;

  @Option(names = "--yes", description = "Do not ask for confirmation.")
  boolean yes;

  @Override
  public Integer call() {
    return NotBuiltYet.refuse(spec.commandLine().getErr(), "resume", "the revocation engine");
  }
}
