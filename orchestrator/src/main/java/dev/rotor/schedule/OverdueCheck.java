package dev.rotor.schedule;

import dev.rotor.config.Webhook;
import dev.rotor.journal.Journal;
import dev.rotor.plan.Plan;
import dev.rotor.report.History;
import dev.rotor.report.HistoryRow;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the identity providers that became overdue in a period: one is due again one schedule
 * interval (the time between the two fire times of its plan that follow its last confirmed
 * revocation) plus the plan's window after that revocation. A plan's identity providers, and their
 * last revocations, are those {@link History} reports. Each becomes overdue at one instant, so
 * checking consecutive periods notifies each lapse once, with no state to keep; Quartz runs the
 * check on one node of a cluster.
 *
 * <p>Note that an identity provider never revoked has no such instant and is not notified; {@code
 * rotor report history} lists it as NEVER_REVOKED.
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
    Map<String, Plan> scheduled = new LinkedHashMap<>();
    catalog.entries().values().stream()
        .map(PlanCatalog.Entry::plan)
        .filter(p -> p != null && p.schedule() != null)
        .forEach(p -> scheduled.put(p.name(), p));
    List<Overdue> found =
        History.computeMatching(
                journal, List.copyOf(scheduled.values()), scheduled::containsKey, to)
            .stream()
            .flatMap(row -> overdue(scheduled.get(row.planName()), row).stream())
            .filter(o -> o.since().isAfter(from) && !o.since().isAfter(to))
            .toList();
    found.forEach(this::notify);
    return found;
  }

  private static Optional<Overdue> overdue(Plan plan, HistoryRow row) {
    if (row.lastRevokedAt() == null || row.interval() == null) {
      return Optional.empty();
    }
    Instant since = row.lastRevokedAt().plus(row.interval()).plus(plan.window());
    return Optional.of(new Overdue(plan.name(), row, since, row.interval()));
  }

  private void notify(Overdue overdue) {
    HistoryRow r = overdue.last();
    log.warn(
        "plan={} tenant={} idp={} overdue since {}: last revoked {} by run={}",
        overdue.plan(),
        r.tenant(),
        r.identityProviderId(),
        overdue.since(),
        r.lastRevokedAt(),
        r.runId());
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("event", Webhook.Event.IDP_OVERDUE.name());
    payload.put("plan", overdue.plan());
    payload.put("tenant", r.tenant());
    payload.put("federationSettingsId", r.federationSettingsId());
    payload.put("identityProviderId", r.identityProviderId());
    payload.put("displayName", r.displayName());
    payload.put("lastRevokedAt", String.valueOf(r.lastRevokedAt()));
    payload.put("lastRunId", r.runId());
    payload.put("interval", overdue.interval().toString());
    payload.put("overdueSince", overdue.since().toString());
    notifier.notify(Webhook.Event.IDP_OVERDUE, overdue.plan(), Set.of(r.tenant()), payload);
  }

  /** An identity provider not revoked in time. */
  record Overdue(String plan, HistoryRow last, Instant since, Duration interval) {}
}
