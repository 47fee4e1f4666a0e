package dev.rotor.cli;

import dev.rotor.config.RotorConfig;
import dev.rotor.journal.Journal;
import dev.rotor.journal.RunRecord;
import dev.rotor.journal.RunSummary;
import dev.rotor.journal.TargetState;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Lists the runs in the journal. */
@Command(
    name = "runs",
    description = "Lists runs with their states and counts by outcome, newest first.",
    mixinStandardHelpOptions = true,
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:success", "2:bad usage or invalid input", "4:internal error"})
final class RunsCommand implements Callable<Integer> {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Spec CommandSpec spec;

  @Mixin ConfigOption config;

  @Option(names = "--output", paramLabel = "FORMAT", description = "text (default) or json.")
  String output = "text";

  @Option(names = "--limit", paramLabel = "N", description = "At most N runs (default 50).")
  int limit = 50;

  @Override
  public Integer call() {
    if (!output.equals("text") && !output.equals("json")) {
      spec.commandLine().getErr().println("rotor runs: --output is text or json, not " + output);
      return ExitCodes.INVALID;
    }
    RotorConfig loaded = config.load();
    try (Journal journal = Journal.open(loaded.store())) {
      List<RunSummary> runs = journal.listRuns(limit);
      PrintWriter out = spec.commandLine().getOut();
      if (output.equals("json")) {
        out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json(runs)));
      } else {
        text(runs, out);
      }
      out.flush();
      return ExitCodes.OK;
    }
  }

  private static ArrayNode json(List<RunSummary> runs) {
    ArrayNode array = JSON.createArrayNode();
    for (RunSummary summary : runs) {
      RunRecord run = summary.run();
      ObjectNode node = array.addObject();
      node.put("runId", run.runId());
      node.put("plan", run.planName());
      node.put("state", run.state().name());
      node.put("startedAt", run.startedAt().toString());
      node.put("finishedAt", run.finishedAt() == null ? null : run.finishedAt().toString());
      node.put("dryRun", run.dryRun());
      node.put("abortReason", run.abortReason());
      ObjectNode counts = node.putObject("counts");
      for (TargetState state : TargetState.values()) {
        counts.put(state.name(), summary.counts().getOrDefault(state, 0L));
      }
    }
    return array;
  }

  private static void text(List<RunSummary> runs, PrintWriter out) {
    if (runs.isEmpty()) {
      out.println("No runs in the journal yet.");
      return;
    }
    out.printf(
        "%-22s %-20s %-24s %-20s %8s %7s %6s %7s %7s%n",
        "RUN", "PLAN", "STATE", "STARTED", "REVOKED", "FAILED", "UNKN", "SKIPPED", "PENDING");
    for (RunSummary summary : runs) {
      RunRecord run = summary.run();
      var counts = summary.counts();
      out.printf(
          "%-22s %-20s %-24s %-20s %8d %7d %6d %7d %7d%n",
          run.runId(),
          run.planName(),
          run.state() + (run.dryRun() ? " (dry)" : ""),
          run.startedAt().toString().substring(0, 19),
          counts.getOrDefault(TargetState.REVOKED, 0L)
              + counts.getOrDefault(TargetState.DRY_RUN, 0L),
          counts.getOrDefault(TargetState.FAILED, 0L),
          counts.getOrDefault(TargetState.UNKNOWN, 0L),
          counts.getOrDefault(TargetState.SKIPPED, 0L),
          counts.getOrDefault(TargetState.PENDING, 0L)
              + counts.getOrDefault(TargetState.IN_FLIGHT, 0L));
    }
  }
}
