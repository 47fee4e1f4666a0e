package dev.rotor.schedule;

import dev.rotor.journal.Journal;
import dev.rotor.journal.Revocation;
import dev.rotor.journal.RunState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.quartz.SchedulerException;

/**
 * Publishes the daemon's gauges from the journal and Quartz: runs by state, seconds since each
 * identity provider's last confirmed revocation, each plan's next fire time, the active runs. The
 * values are read by {@link #refresh()}, every few seconds, never on a scrape.
 */
final class DaemonMetrics {
  /** The most identity providers given their own time series. */
  static final int MAX_IDP_SERIES = 5_000;

  private final Journal journal;
  private final PlanSchedules schedules;
  private final RunCoordinator coordinator;
  private final Clock clock;
  private final Map<RunState, AtomicLong> runs = new EnumMap<>(RunState.class);
  private final MultiGauge sinceRevocation;
  private final MultiGauge nextFire;
  private final AtomicLong idpsNotShown = new AtomicLong();

  DaemonMetrics(
      MeterRegistry registry,
      Journal journal,
      PlanSchedules schedules,
      RunCoordinator coordinator,
      Clock clock) {
    this.journal = journal;
    this.schedules = schedules;
    this.coordinator = coordinator;
    this.clock = clock;
    for (RunState state : RunState.values()) {
      AtomicLong value = new AtomicLong();
      runs.put(state, value);
      Gauge.builder("rotor.runs", value, AtomicLong::get)
          .description("Runs in the journal by state (among the 1,000 newest)")
          .tag("state", state.name())
          .register(registry);
    }
    Gauge.builder("rotor.runs.active", coordinator, c -> c.activePlans().size())
        .description("Runs this node works on now")
        .register(registry);
    Gauge.builder("rotor.idp.series.dropped", idpsNotShown, AtomicLong::get)
        .description("Identity providers left out of rotor.idp.since.revocation (cap reached)")
        .register(registry);
    sinceRevocation =
        MultiGauge.builder("rotor.idp.since.revocation")
            .description("Seconds since the last confirmed revocation of each identity provider")
            .baseUnit("seconds")
            .register(registry);
    nextFire =
        MultiGauge.builder("rotor.plan.next.fire")
            .description("Next fire time of each scheduled plan, as Unix epoch seconds")
            .baseUnit("seconds")
            .register(registry);
  }

  /** Reads the journal and Quartz again; blocks. */
  void refresh() throws SchedulerException {
    refreshRuns(journal.countRunsByState());
    refreshRevocations(journal.lastRevocations(), clock.instant());
    refreshFires(schedules.list());
  }

  private void refreshRuns(Map<RunState, Long> counts) {
    runs.forEach((state, value) -> value.set(counts.getOrDefault(state, 0L)));
  }

  // Limitation: one time series per identity provider, capped at 5,000 (the oldest revocations
  // first, the ones an operator cares about); the rest are counted in rotor.idp.series.dropped.
  // Past some thousands, alert on the report's overdue list or IDP_OVERDUE webhooks instead.
  private void refreshRevocations(List<Revocation> revocations, Instant now) {
    List<Revocation> shown =
        revocations.stream()
            .sorted((a, b) -> a.completedAt().compareTo(b.completedAt()))
            .limit(MAX_IDP_SERIES)
            .toList();
    idpsNotShown.set(revocations.size() - shown.size());
    sinceRevocation.register(
        shown.stream()
            .map(
                r ->
                    MultiGauge.Row.of(
                        Tags.of(
                            "tenant", r.tenant(),
                            "federation", r.federationSettingsId(),
                            "idp", r.identityProviderId()),
                        Duration.between(r.completedAt(), now).toMillis() / 1000.0))
            .toList(),
        true);
  }

  private void refreshFires(List<PlanSchedules.Scheduled> scheduled) {
    nextFire.register(
        scheduled.stream()
            .filter(s -> s.nextFire() != null)
            .map(
                s ->
                    MultiGauge.Row.of(Tags.of("plan", s.planName()), s.nextFire().getEpochSecond()))
            .toList(),
        true);
  }
}
