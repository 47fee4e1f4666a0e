package dev.rotor.cli;

import dev.rotor.config.RotorConfig;
import dev.rotor.engine.Engine;
import dev.rotor.engine.ResumeRequest;
import dev.rotor.input.InvalidInputException;
import dev.rotor.input.Problem;
import dev.rotor.journal.RunRecord;
import dev.rotor.plan.Plan;
import dev.rotor.plan.PlanLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Continues an interrupted or stopped run. */
@Command(
    name = "resume",
    description = {
      "Continues an interrupted or stopped run from the journal.",
      "Pending targets run; targets in flight when the run stopped are settled from Atlas's events"
          + " and never sent again unless --retry-unknown says so."
    },
    mixinStandardHelpOptions = true)
final class ResumeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ConfigOption config;

  @Parameters(paramLabel = "RUN_ID", description = "The run to continue (see rotor runs).")
  String runId;

  @Option(names = "--plan", paramLabel = "FILE", description = "The plan file, if it moved.")
  Path plan;

  @Option(names = "--retry-failed", description = "Send again the revocations that failed.")
  boolean retryFailed;

  @Option(
      names = "--retry-unknown",
      description = "Send again the revocations whose outcome is unknown.")
  boolean retryUnknown;

  @Override
  public Integer call() {
    RotorConfig loaded = config.load();
    try (Session session = Session.open(loaded)) {
      RunRecord run =
          session
              .journal()
              .findRun(runId)
              .orElseThrow(
                  () -> problem("run " + runId + " is not in the journal (see rotor runs)"));
      Path file = plan != null ? plan : Path.of(run.planPath());
      Plan parsed = PlanLoader.load(file, loaded.credentials().keySet());
      if (!parsed.sha256().equals(run.planSha256())) {
        spec.commandLine()
            .getErr()
            .println(
                "rotor resume: warning: "
                    + file
                    + " changed since the run started; its targets are kept, its limits are the"
                    + " new ones");
      }
      Duration staleAfter =
          Session.deadLocalProcess(run.ownerNode()) ? Duration.ZERO : Engine.STALE_AFTER;
      var request = new ResumeRequest(runId, parsed, retryFailed, retryUnknown, staleAfter);
      return Runner.drive(
          session,
          spec.commandLine().getOut(),
          spec.commandLine().getErr(),
          (control, progress) -> session.engine().resume(request, control, progress));
    }
  }

  private static InvalidInputException problem(String message) {
    return new InvalidInputException(List.of(new Problem("journal", 0, 0, "", message)));
  }
}
