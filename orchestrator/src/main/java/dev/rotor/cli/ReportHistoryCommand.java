package dev.rotor.cli;

import dev.rotor.config.RotorConfig;
import dev.rotor.journal.Journal;
import dev.rotor.plan.Plan;
import dev.rotor.plan.PlanLoader;
import dev.rotor.report.History;
import dev.rotor.report.HistoryReport;
import dev.rotor.report.HistoryRow;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Shows when every identity provider was last revoked, and which are overdue. */
@Command(
    name = "history",
    description = {
      "Shows, for every identity provider, when it was last revoked successfully, by which run,",
      "and whether that is overdue against its plan's schedule (older than the interval between",
      "two consecutive fire times of the plan's cron)."
    },
    mixinStandardHelpOptions = true,
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:success", "2:bad usage or invalid plan files", "4:internal error"})
final class ReportHistoryCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ConfigOption config;

  @Option(names = "--plan", paramLabel = "NAME", description = "Only this plan.")
  @Nullable String plan;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "text (default), json, csv or md.")
  String format = "text";

  @Option(
      names = "--plans",
      paramLabel = "DIR",
      description = "Where the plan files are, for their schedules (default: plans/).")
  Path plansDir = Path.of("plans");

  @Override
  public Integer call() throws IOException {
    RotorConfig rotorConfig = config.load();
    List<Plan> plans = plans();
    try (Journal journal = Journal.open(rotorConfig.store())) {
      List<HistoryRow> rows = History.compute(journal, plans, plan, Instant.now());
      PrintWriter out = spec.commandLine().getOut();
      HistoryReport.write(rows, format, out);
      return ExitCodes.OK;
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("rotor report history: " + e.getMessage());
      return ExitCodes.INVALID;
    }
  }

  private List<Plan> plans() throws IOException {
    if (!Files.isDirectory(plansDir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(plansDir)) {
      return files
          .filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
          .sorted()
          .map(f -> PlanLoader.load(f, null))
          .toList();
    }
  }
}
