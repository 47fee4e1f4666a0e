package dev.rotor.cli;

import dev.rotor.config.RotorConfig;
import dev.rotor.engine.Preview;
import dev.rotor.plan.Plan;
import dev.rotor.plan.PlanLoader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Previews a plan without revoking anything. */
@Command(
    name = "plan",
    description =
        "Previews a plan: targets, organizations logged out, skips and an estimate; revokes"
            + " nothing.",
    mixinStandardHelpOptions = true,
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:success", "2:bad usage or invalid input", "4:internal error"})
final class PlanCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ConfigOption config;

  @Parameters(paramLabel = "PLAN", description = "The plan file.")
  Path plan;

  @Option(names = "--output", paramLabel = "FORMAT", description = "text (default) or json.")
  String output = "text";

  @Option(names = "--force", description = "Preview as if the cooldown were lifted.")
  boolean force;

  @Override
  public Integer call() {
    if (!output.equals("text") && !output.equals("json")) {
      spec.commandLine().getErr().println("rotor plan: --output is text or json, not " + output);
      return ExitCodes.INVALID;
    }
    RotorConfig loaded = config.load();
    Plan parsed = PlanLoader.load(plan, loaded.credentials().keySet());
    try (Session session = Session.open(loaded)) {
      Preview preview = session.engine().preview(parsed, force).block();
      if (output.equals("json")) {
        PreviewPrinter.json(preview, spec.commandLine().getOut());
      } else {
        PreviewPrinter.text(preview, spec.commandLine().getOut());
      }
      return ExitCodes.OK;
    }
  }
}
