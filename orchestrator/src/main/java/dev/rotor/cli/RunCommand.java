package dev.rotor.cli;

import dev.rotor.config.RotorConfig;
import dev.rotor.engine.Preview;
import dev.rotor.engine.RunRequest;
import dev.rotor.plan.Plan;
import dev.rotor.plan.PlanLoader;
import java.io.Console;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Runs a plan now. */
@Command(
    name = "run",
    description = "Runs a plan now: revokes the JWKS of every identity provider it selects.",
    mixinStandardHelpOptions = true)
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
  @Nullable String reason;

  @Override
  public Integer call() {
    RotorConfig loaded = config.load();
    Plan parsed = PlanLoader.load(plan, loaded.credentials().keySet());
    try (Session session = Session.open(loaded)) {
      return run(session, parsed);
    }
  }

  private int run(Session session, Plan parsed) {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Preview preview = session.engine().preview(parsed, force).block();
    PreviewPrinter.text(preview, out);
    if (!confirmed(parsed, preview, err)) {
      return ExitCodes.INVALID;
    }
    var request = new RunRequest(parsed, dryRun, force, Session.who(), reason);
    return Runner.drive(
        session,
        out,
        err,
        (control, progress) -> session.engine().run(request, preview, control, progress));
  }

  private boolean confirmed(Plan parsed, Preview preview, PrintWriter err) {
    if (yes || dryRun || !parsed.safety().confirm() || preview.resolution().pendingCount() == 0) {
      return true;
    }
    Console console = System.console();
    if (console == null) {
      err.println(
          "rotor run: the plan asks for confirmation and there is no terminal to ask on;"
              + " pass --yes to run it. Nothing was revoked.");
      return false;
    }
    String answer =
        console.readLine(
            "Revoke %d identity provider(s), logging out %d organization(s)? Type the plan name"
                + " (%s) to go on: ",
            preview.resolution().pendingCount(), preview.organizations().size(), parsed.name());
    if (answer == null || !answer.strip().equals(parsed.name())) {
      err.println("rotor run: not confirmed. Nothing was revoked.");
      return false;
    }
    return true;
  }
}
