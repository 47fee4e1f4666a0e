package dev.rotor.cli;

import dev.rotor.config.RotorConfig;
import dev.rotor.input.InvalidInputException;
import dev.rotor.input.Problem;
import dev.rotor.plan.Plan;
import dev.rotor.plan.PlanLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Checks plans and the configuration without calling Atlas. */
@Command(
    name = "validate",
    description = {
      "Checks plan files and the configuration without calling Atlas.",
      "Prints one line per problem: file:line:column: field: what is wrong."
    },
    mixinStandardHelpOptions = true,
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every file is valid", "2:some file has a problem"})
final class ValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ConfigOption config;

  @Parameters(paramLabel = "PLAN", arity = "1..*", description = "Plan files to check.")
  List<Path> plans;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<Problem> problems = new ArrayList<>();
    RotorConfig loaded = loadConfig(problems);
    for (Path file : plans) {
      validate(file, loaded, problems).ifPresent(plan -> out.println(summary(plan)));
    }
    problems.forEach(problem -> err.println(problem.format()));
    return problems.isEmpty() ? ExitCodes.OK : ExitCodes.INVALID;
  }

  /** Returns the config to check credentials against, or null when there is no config file. */
  private @Nullable RotorConfig loadConfig(List<Problem> problems) {
    if (config.file() == null) {
      spec.commandLine().getOut().println("no config file: credential names are not checked");
      return null;
    }
    try {
      return config.load();
    } catch (InvalidInputException e) {
      problems.addAll(e.problems());
      return null;
    }
  }

  private static java.util.Optional<Plan> validate(
      Path file, @Nullable RotorConfig config, List<Problem> problems) {
    try {
      var names = config == null ? null : config.credentials().keySet();
      return java.util.Optional.of(PlanLoader.load(file, names));
    } catch (InvalidInputException e) {
      problems.addAll(e.problems());
      return java.util.Optional.empty();
    }
  }

  private static String summary(Plan plan) {
    long federations = plan.tenants().stream().mapToLong(t -> t.federations().size()).sum();
    return plan.source()
        + ": ok, plan '"
        + plan.name()
        + "', "
        + plan.tenants().size()
        + " tenant(s), "
        + federations
        + " federation(s)"
        + plan.scheduled().map(s -> ", cron '" + s.cron() + "' " + s.zone()).orElse("");
  }
}
