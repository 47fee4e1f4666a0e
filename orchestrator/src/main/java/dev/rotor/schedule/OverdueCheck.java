package dev.rotor.schedule;

import dev.rotor.config.Webhook;
import dev.rotor.journal.Journal;
import dev.rotor.journal.Revocation;
import dev.rotor.plan.Plan;
import dev.rotor.plan.Schedule;
import dev.rotor.plan.Tenant;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;
import java.util.stream.Collectors;
import org.quartz.CronExpression;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the identity providers that became overdue in a period: one is due again one schedule
 * interval (the time between two fire times of its plan) plus the plan's window after its last
 * confirmed revocation. Each becomes overdue at one instant, so checking consecutive periods
 * notifies each lapse once, with no state to keep; Quartz runs the check on one node of a cluster.
 */
final class OverdueCheck {
  private static final Logger log = LoggerFactory.getLogger(OverdueCheck.class);

  private final Journal journal;
  private final PlanCatalog catalog;
  private final Notifier notifier;

  OverdueCheck(Journal journal, PlanCatalog catalog, Notifier notifier) {
    this.journal = journal;
    this.catalog = catalog;
    this.notifier = notifier;
  }

  /** Notifies every identity provider that became overdue in {@code (from, to]}; returns them. */
  List<Overdue> check(Instant from, Instant to) {
    List<Revocation> revocations = journal.lastRevocations();
    List<Overdue> found =
        catalog.entries().values().stream()
            .map(PlanCatalog.Entry::plan)
            .filter(p -> p != null && p.schedule() != null)
            .flatMap(p -> overdue(p, revocations, from, to).stream())
            .toList();
    found.forEach(this::notify);
    return found;
  }

  private List<Overdue> overdue(Plan plan, List<Revocation> revocations, Instant from, Instant to) {
    Optional<Duration> interval = interval(plan.schedule(), to);
    if (interval.isEmpty()) {
      return List.of();
    }
    Set<String> tenants = plan.tenants().stream().map(Tenant::name).collect(Collectors.toSet());
    Duration allowed = interval.get().plus(plan.window());
    return revocations.stream()
        .filter(r -> tenants.contains(r.tenant()))
        .map(r -> new Overdue(plan.name(), r, r.completedAt().plus(allowed), interval.get()))
        .filter(o -> o.since().isAfter(from) && !o.since().isAfter(to))
        .toList();
  }

  /** Returns the time between the next two fire times of {@code schedule} after {@code at}. */
  static Optional<Duration> interval(Schedule schedule, Instant at) {
    try {
      CronExpression cron = new CronExpression(schedule.cron());
      cron.setTimeZone(TimeZone.getTimeZone(schedule.zone()));
      Date first = cron.getNextValidTimeAfter(Date.from(at));
      Date second = first == null ? null : cron.getNextValidTimeAfter(first);
      if (second == null) {
        return Optional.empty();
      }
      return Optional.of(Duration.between(first.toInstant(), second.toInstant()));
    } catch (ParseException e) {
      return Optional.empty();
    }
  }

  private void notify(Overdue overdue) {
    Revocation r = overdue.last();
    log.warn(
        "plan={} tenant={} idp={} overdue since {}: last revoked {} by run={}",
        overdue.plan(),
        r.tenant(),
        r.identityProviderId(),
        overdue.since(),
        r.completedAt(),
        r.runId());
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("event", Webhook.Event.IDP_OVERDUE.name());
    payload.put("plan", overdue.plan());
    payload.put("tenant", r.tenant());
    payload.put("federationSettingsId", r.federationSettingsId());
    payload.put("identityProviderId", r.identityProviderId());
    payload.put("displayName", r.displayName());
    payload.put("lastRevokedAt", r.completedAt().toString());
    payload.put("lastRunId", r.runId());
    payload.put("interval", overdue.interval().toString());
    payload.put("overdueSince", overdue.since().toString());
    notifier.notify(Webhook.Event.IDP_OVERDUE, overdue.plan(), Set.of(r.tenant()), payload);
  }

  /** An identity provider not revoked in time. */
  record Overdue(String plan, Revocation last, Instant since, Duration interval) {}
}
