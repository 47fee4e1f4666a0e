package dev.rotor.schedule;

import dev.rotor.journal.Journal;
import dev.rotor.journal.RunRecord;
import dev.rotor.journal.RunSummary;
import dev.rotor.plan.Plan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Shapes what the ops endpoints return as JSON: plain maps, in a stable field order. */
final class OpsViews {
  private OpsViews() {}

  /** Returns each plan file with its plan, schedule, next fire time, active run and problems. */
  static List<Map<String, Object>> plans(
      PlanCatalog catalog,
      List<PlanSchedules.Scheduled> scheduled,
      Map<String, RunCoordinator.ActiveRun> active) {
    Map<String, PlanSchedules.Scheduled> byName = new LinkedHashMap<>();
    scheduled.forEach(s -> byName.put(s.planName(), s));
    List<Map<String, Object>> views = new ArrayList<>();
    catalog.entries().forEach((file, entry) -> views.add(plan(file, entry, byName, active)));
    return views;
  }

  private static Map<String, Object> plan(
      String file,
      PlanCatalog.Entry entry,
      Map<String, PlanSchedules.Scheduled> scheduled,
      Map<String, RunCoordinator.ActiveRun> active) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("file", file);
    Plan plan = entry.plan();
    view.put("name", plan == null ? null : plan.name());
    view.put("valid", entry.problems().isEmpty());
    if (plan != null && plan.schedule() != null) {
      view.put("cron", plan.schedule().cron());
      view.put("timeZone", plan.schedule().zone().getId());
      view.put("misfire", plan.schedule().misfire().yamlName());
      PlanSchedules.Scheduled s = scheduled.get(plan.name());
      view.put("nextFire", s == null || s.nextFire() == null ? null : s.nextFire().toString());
    }
    RunCoordinator.ActiveRun run = plan == null ? null : active.get(plan.name());
    view.put("activeRun", run == null ? null : run.progress().runId());
    view.put("problems", entry.problems());
    return view;
  }

  /** Returns the runs, newest first, with their counts. */
  static List<Map<String, Object>> runs(List<RunSummary> summaries) {
    return summaries.stream().map(s -> run(s.run(), s.counts())).toList();
  }

  /** Returns one run with its counts overall and by tenant, if the journal has it. */
  static Optional<Object> run(Journal journal, String runId) {
    return journal
        .findRun(runId)
        .map(
            run -> {
              Map<String, Object> view = run(run, journal.countsByState(runId));
              view.put("byTenant", journal.countsByTenant(runId));
              return view;
            });
  }

  private static Map<String, Object> run(RunRecord run, Map<?, Long> counts) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("runId", run.runId());
    view.put("plan", run.planName());
    view.put("state", run.state().name());
    view.put("dryRun", run.dryRun());
    view.put("startedBy", run.startedBy());
    view.put("reason", run.reason());
    view.put("startedAt", run.startedAt().toString());
    view.put("finishedAt", run.finishedAt() == null ? null : run.finishedAt().toString());
    view.put("abortReason", run.abortReason());
    view.put("ownerNode", run.ownerNode());
    view.put("heartbeatAt", run.heartbeatAt() == null ? null : run.heartbeatAt().toString());
    view.put("counts", counts);
    view.put("report", "/runs/" + run.runId() + "/report.html");
    return view;
  }
}
