package dev.rotor.schedule;

import dev.rotor.config.DaemonSettings;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The daemon's timings that are not in the configuration: Quartz's, the webhooks', the overdue
 * check's and the metrics'. Tests shorten them.
 *
 * @param minStaleAfter the shortest staleness the launcher accepts when it claims a run
 * @param resumeEvery how often stale runs are looked for; null means the check-in interval
 */
record Tuning(
    int threads,
    Duration idleWait,
    Duration misfireThreshold,
    Notifier.Delivery delivery,
    Duration overdueEvery,
    Duration metricsEvery,
    Duration minStaleAfter,
    @Nullable Duration resumeEvery) {

  /** Returns the production timings. */
  static Tuning defaults() {
    return new Tuning(
        4,
        Duration.ofSeconds(5),
        Duration.ofSeconds(60),
        Notifier.Delivery.defaults(),
        Duration.ofMinutes(5),
        Duration.ofSeconds(15),
        EngineLauncher.STALE_AFTER,
        null);
  }

  QuartzStore.Tuning quartz(String nodeId, DaemonSettings daemon) {
    return new QuartzStore.Tuning(
        QuartzStore.SCHEDULER_NAME,
        nodeId,
        threads,
        daemon.checkinInterval(),
        idleWait,
        misfireThreshold);
  }

  Duration staleAfter(DaemonSettings daemon) {
    Duration configured = daemon.staleRunAfter();
    return configured.compareTo(minStaleAfter) >= 0 ? configured : minStaleAfter;
  }

  Duration resumeEvery(DaemonSettings daemon) {
    return resumeEvery != null ? resumeEvery : daemon.checkinInterval();
  }

  Tuning withMisfireThreshold(Duration threshold) {
    return new Tuning(
        threads,
        idleWait,
        threshold,
        delivery,
        overdueEvery,
        metricsEvery,
        minStaleAfter,
        resumeEvery);
  }

  Tuning withDelivery(Notifier.Delivery newDelivery) {
    return new Tuning(
        threads,
        idleWait,
        misfireThreshold,
        newDelivery,
        overdueEvery,
        metricsEvery,
        minStaleAfter,
        resumeEvery);
  }

  Tuning withOverdueEvery(Duration every) {
    return new Tuning(
        threads,
        idleWait,
        misfireThreshold,
        delivery,
        every,
        metricsEvery,
        minStaleAfter,
        resumeEvery);
  }

  Tuning withMetricsEvery(Duration every) {
    return new Tuning(
        threads,
        idleWait,
        misfireThreshold,
        delivery,
        overdueEvery,
        every,
        minStaleAfter,
        resumeEvery);
  }

  Tuning withStaleness(Duration minStale, Duration resumeAt) {
    return new Tuning(
        threads,
        idleWait,
        misfireThreshold,
        delivery,
        overdueEvery,
        metricsEvery,
        minStale,
        resumeAt);
  }
}
