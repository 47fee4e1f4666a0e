package dev.rotor.report;

import dev.rotor.journal.Journal;
import dev.rotor.journal.Revocation;
import dev.rotor.journal.RunRecord;
import dev.rotor.journal.RunSummary;
import dev.rotor.journal.TargetRecord;
import dev.rotor.plan.Plan;
import dev.rotor.plan.Schedule;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.quartz.CronExpression;

/**
 * Answers "show me that every key was rotated this quarter": for every identity provider of every
 * plan, its last confirmed revocation and whether that is overdue against the plan's schedule.
 *
 * <p>A plan's identity providers are those of its latest run plus any that one of its runs ever
 * revoked. The last revocation counts whichever run made it. Overdue means the last revocation is
 * older than the interval between the two fire times of the plan's cron that follow it, read in the
 * schedule's zone.
 */
public final class History {
  private History() {}

  /**
   * Returns the history of every plan in the journal, or of {@code planName} only, in plan, tenant
   * and identity provider order; blocks on the journal.
   *
   * @param plans the plan files, for their schedules; a plan not among them is unscheduled
   */
  public static List<HistoryRow> compute(
      Journal journal, List<Plan> plans, @Nullable String planName, Instant now) {
    return computeMatching(journal, plans, p -> planName == null || p.equals(planName), now);
  }

  /**
   * Returns the history of the plans in the journal whose name {@code planNames} accepts, in plan,
   * tenant and identity provider order; blocks on the journal. Only those plans' runs are read.
   */
  public static List<HistoryRow> computeMatching(
      Journal journal, List<Plan> plans, Predicate<String> planNames, Instant now) {
    Map<String, Revocation> last = new LinkedHashMap<>();
    journal
        .lastRevocations()
        .forEach(r -> last.put(key(r.federationSettingsId(), r.identityProviderId()), r));
    Map<String, RunRecord> latestRun = new LinkedHashMap<>();
    Map<String, String> planOfRun = new LinkedHashMap<>();
    for (RunSummary summary : journal.listRuns()) {
      RunRecord run = summary.run();
      planOfRun.put(run.runId(), run.planName());
      latestRun.putIfAbsent(run.planName(), run);
    }
    List<HistoryRow> rows = new ArrayList<>();
    latestRun.keySet().stream()
        .filter(planNames)
        .sorted()
        .forEach(
            p ->
                rows.addAll(
                    planRows(journal, latestRun.get(p), schedule(plans, p), last, planOfRun, now)));
    return rows;
  }

  private static List<HistoryRow> planRows(
      Journal journal,
      RunRecord latest,
      @Nullable Schedule schedule,
      Map<String, Revocation> last,
      Map<String, String> planOfRun,
      Instant now) {
    var plan = new PlanRows(latest.planName(), schedule, last, now);
    try (Stream<TargetRecord> targets = journal.targets(latest.runId())) {
      targets.forEach(
          t ->
              plan.add(
                  t.tenant(), t.federationSettingsId(), t.identityProviderId(), t.displayName()));
    }
    for (Revocation r : last.values()) {
      if (latest.planName().equals(planOfRun.get(r.runId()))) {
        plan.add(r.tenant(), r.federationSettingsId(), r.identityProviderId(), r.displayName());
      }
    }
    return List.copyOf(plan.rows.values());
  }

  /** Collects the rows of one plan, one per tenant and identity provider. */
  private static final class PlanRows {
    private final String planName;
    private final @Nullable Schedule schedule;
    private final Map<String, Revocation> last;
    private final Instant now;
    private final Map<String, HistoryRow> rows = new TreeMap<>();

    PlanRows(
        String planName, @Nullable Schedule schedule, Map<String, Revocation> last, Instant now) {
      this.planName = planName;
      this.schedule = schedule;
      this.last = last;
      this.now = now;
    }

    void add(String tenant, String federation, String idp, @Nullable String displayName) {
      String key = tenant + "\u0000" + key(federation, idp);
      rows.computeIfAbsent(key, k -> row(tenant, federation, idp, displayName));
    }

    private HistoryRow row(
        String tenant, String federation, String idp, @Nullable String displayName) {
      Revocation revocation = last.get(key(federation, idp));
      if (revocation == null) {
        return new HistoryRow(
            planName,
            tenant,
            federation,
            idp,
            displayName,
            null,
            null,
            null,
            HistoryRow.Status.NEVER_REVOKED);
      }
      Instant at = revocation.completedAt();
      Duration interval = schedule == null ? null : interval(schedule, at).orElse(null);
      return new HistoryRow(
          planName,
          tenant,
          federation,
          idp,
          displayName,
          at,
          revocation.runId(),
          interval,
          status(at, interval));
    }

    private HistoryRow.Status status(Instant at, @Nullable Duration interval) {
      if (interval == null) {
        return HistoryRow.Status.UNSCHEDULED;
      }
      return at.plus(interval).isBefore(now) ? HistoryRow.Status.OVERDUE : HistoryRow.Status.OK;
    }
  }

  /**
   * Returns the time between the two fire times of {@code schedule} that follow {@code after}, or
   * empty if the cron fires fewer than twice more.
   */
  static Optional<Duration> interval(Schedule schedule, Instant after) {
    CronExpression cron;
    try {
      cron = new CronExpression(schedule.cron());
    } catch (ParseException e) {
      throw new IllegalArgumentException("Bad cron expression '" + schedule.cron() + "'", e);
    }
    cron.setTimeZone(TimeZone.getTimeZone(schedule.zone()));
    Date first = cron.getNextValidTimeAfter(Date.from(after));
    Date second = first == null ? null : cron.getNextValidTimeAfter(first);
    if (second == null) {
      return Optional.empty();
    }
    return Optional.of(Duration.between(first.toInstant(), second.toInstant()));
  }

  private static @Nullable Schedule schedule(List<Plan> plans, String planName) {
    return plans.stream()
        .filter(p -> p.name().equals(planName))
        .findFirst()
        .flatMap(Plan::scheduled)
        .orElse(null);
  }

  private static String key(String federation, String idp) {
    return federation + "/" + idp;
  }
}
