package dev.rotor.schedule;

import static java.util.Objects.requireNonNull;

import dev.rotor.config.DaemonSettings;
import dev.rotor.config.RotorConfig;
import dev.rotor.engine.StopReason;
import dev.rotor.journal.Journal;
import dev.rotor.report.ReportFormat;
import dev.rotor.report.ReportWriter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.quartz.JobBuilder;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.TriggerBuilder;
import org.quartz.spi.JobFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler daemon: fires every scheduled plan with Quartz (its jobs kept in the journal's
 * database, clustered on PostgreSQL), watches the plans folder, resumes the runs of dead nodes,
 * notifies webhooks and serves the ops endpoints.
 *
 * <p>{@link #close()} is the graceful stop a SIGTERM asks for: the scheduler goes to standby, every
 * active run is told to stop starting revocations, the calls in flight are awaited for the engine's
 * drain timeout, and what is left is resumed by another node or at the next start.
 */
public final class Daemon implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Daemon.class);
  private static final JobKey OVERDUE_JOB = JobKey.jobKey("overdue", "rotor");

  private final RotorConfig config;
  private final String nodeId;
  private final Journal journal;
  private final PrometheusMeterRegistry registry;
  private final RunLauncher launcher;
  private final Notifier notifier;
  private final PlanCatalog catalog;
  private final PlanSchedules schedules;
  private final RunCoordinator coordinator;
  private final DaemonMetrics metrics;
  private final Scheduler scheduler;
  private final ScheduledExecutorService housekeeping;
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final CountDownLatch done = new CountDownLatch(1);
  private @Nullable OpsServer ops;

  private Daemon(RotorConfig config, DaemonOptions options, Wiring wiring, Journal journal)
      throws SchedulerException {
    this.config = config;
    this.nodeId = options.nodeId();
    this.journal = journal;
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    this.launcher = wiring.launchers().create(config, journal, registry, nodeId, wiring.clock());
    this.notifier =
        new Notifier(config.notifications().webhooks(), wiring.tuning().delivery(), registry);
    DaemonSettings daemon = config.daemon();
    this.scheduler =
        QuartzStore.scheduler(
            journal.dataSource(), config.store(), wiring.tuning().quartz(nodeId, daemon));
    this.schedules = new PlanSchedules(scheduler);
    this.catalog = new PlanCatalog(options.plansDir(), config.credentials().keySet(), schedules);
    RunEvents events =
        new RunEvents(
            runId -> wiring.reports().write(journal, runId, config),
            notifier,
            nodeId,
            wiring.clock());
    this.coordinator =
        new RunCoordinator(
            journal,
            launcher,
            catalog,
            events,
            wiring.clock(),
            nodeId,
            wiring.tuning().staleAfter(daemon),
            config.engine().drainTimeout(),
            registry);
    this.metrics = new DaemonMetrics(registry, journal, schedules, coordinator, wiring.clock());
    this.housekeeping = Executors.newSingleThreadScheduledExecutor(Daemon::housekeepingThread);
    OverdueCheck overdue = new OverdueCheck(journal, catalog, notifier);
    scheduler.setJobFactory(jobs(coordinator, overdue));
  }

  /**
   * Starts a daemon with the engine and the report writer, and returns once its plans are scheduled
   * and its endpoints listen.
   */
  public static Daemon start(RotorConfig config, DaemonOptions options) {
    return start(config, options, Wiring.production());
  }

  static Daemon start(RotorConfig config, DaemonOptions options, Wiring wiring) {
    requireNonNull(config, "config");
    requireNonNull(options, "options");
    Journal journal = Journal.open(config.store());
    Daemon daemon = null;
    try {
      QuartzStore.migrate(journal.dataSource(), config.store());
      daemon = new Daemon(config, options, wiring, journal);
      daemon.begin(options, wiring.tuning());
      return daemon;
    } catch (SchedulerException | RuntimeException e) {
      if (daemon != null) {
        daemon.close();
      } else {
        journal.close();
      }
      throw new IllegalStateException("Cannot start the daemon: " + e.getMessage(), e);
    }
  }

  private void begin(DaemonOptions options, Tuning tuning) throws SchedulerException {
    if (!java.nio.file.Files.isDirectory(options.plansDir())) {
      log.warn(
          "node={} plans folder {} does not exist yet; nothing is scheduled",
          nodeId,
          options.plansDir());
    }
    catalog.poll();
    catalog.prune();
    scheduleOverdueCheck(tuning.overdueEvery());
    scheduler.start();
    DaemonSettings daemon = config.daemon();
    int port = options.httpPort() != null ? options.httpPort() : daemon.httpPort();
    ops = OpsServer.start(daemon.httpHost(), port, daemon.bearerToken(), new Data());
    every(daemon.planPollInterval(), "poll plans", catalog::poll);
    every(tuning.resumeEvery(daemon), "resume stale runs", coordinator::resumeStale);
    every(tuning.metricsEvery(), "refresh metrics", metrics::refresh);
    log.info(
        "node={} daemon started store={} clustered={} plans={}",
        nodeId,
        config.store().isPostgres() ? "postgresql" : "h2",
        config.store().isPostgres(),
        options.plansDir());
  }

  private void scheduleOverdueCheck(Duration every) throws SchedulerException {
    if (scheduler.checkExists(OVERDUE_JOB)) {
      return;
    }
    scheduler.scheduleJob(
        JobBuilder.newJob(OverdueJob.class).withIdentity(OVERDUE_JOB).storeDurably().build(),
        java.util.Set.of(
            TriggerBuilder.newTrigger()
                .withIdentity(OVERDUE_JOB.getName(), OVERDUE_JOB.getGroup())
                .withSchedule(
                    SimpleScheduleBuilder.simpleSchedule()
                        .withIntervalInMilliseconds(every.toMillis())
                        .repeatForever()
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .startNow()
                .build()),
        true);
  }

  private static JobFactory jobs(RunCoordinator coordinator, OverdueCheck overdue) {
    return (bundle, quartz) -> {
      Class<?> type = bundle.getJobDetail().getJobClass();
      if (type == PlanJob.class) {
        return new PlanJob(coordinator);
      }
      if (type == OverdueJob.class) {
        return new OverdueJob(overdue);
      }
      throw new SchedulerException("Unknown job class " + type.getName());
    };
  }

  private interface Task {
    void run() throws Exception;
  }

  private void every(Duration period, String what, Task task) {
    long millis = Math.max(50, period.toMillis());
    housekeeping.scheduleWithFixedDelay(
        () -> {
          try {
            task.run();
          } catch (Exception e) {
            log.warn("node={} {} failed: {}", nodeId, what, e.toString());
          }
        },
        0,
        millis,
        TimeUnit.MILLISECONDS);
  }

  private static Thread housekeepingThread(Runnable r) {
    Thread thread = new Thread(r, "rotor-housekeeping");
    thread.setDaemon(true);
    return thread;
  }

  /** Returns the port the ops endpoints listen on. */
  public int httpPort() {
    return ops == null ? -1 : ops.port();
  }

  /** Returns this node's id. */
  public String nodeId() {
    return nodeId;
  }

  /** Returns the registry the daemon's and the engine's meters are recorded in. */
  public MeterRegistry registry() {
    return registry;
  }

  Journal journal() {
    return journal;
  }

  PlanCatalog catalog() {
    return catalog;
  }

  PlanSchedules schedules() {
    return schedules;
  }

  Scheduler scheduler() {
    return scheduler;
  }

  /** Blocks until {@link #close()} has finished. */
  public void awaitClosed() throws InterruptedException {
    done.await();
  }

  /**
   * Stops gracefully: no new fires, active runs stop starting revocations, in-flight calls are
   * awaited up to the engine's drain timeout; then everything is closed. Safe to call twice.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    log.info("node={} daemon stopping", nodeId);
    try {
      drain();
    } finally {
      release();
      done.countDown();
      log.info("node={} daemon stopped", nodeId);
    }
  }

  private void drain() {
    boolean idle = false;
    try {
      scheduler.standby();
      coordinator.stopAll(new StopReason(StopReason.Kind.SIGNAL, "daemon " + nodeId + " stopping"));
      // Never interrupt: an interrupt during file I/O closes an embedded H2 database.
      housekeeping.shutdown();
      housekeeping.awaitTermination(10, TimeUnit.SECONDS);
      idle = coordinator.awaitIdle(config.engine().drainTimeout().plusSeconds(5));
      shutDownScheduler(idle);
    } catch (SchedulerException e) {
      log.warn("node={} scheduler did not stop cleanly: {}", nodeId, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!idle) {
      log.warn(
          "node={} runs still active after the drain timeout: {}",
          nodeId,
          coordinator.activePlans());
    }
  }

  /**
   * Shuts Quartz down, waiting at most 15 s: Quartz retries a failing database forever, and its
   * threads are daemons, so a dead database must not keep the process from exiting.
   */
  private void shutDownScheduler(boolean waitForJobs) throws InterruptedException {
    Thread stopper =
        new Thread(
            () -> {
              try {
                scheduler.shutdown(waitForJobs);
              } catch (SchedulerException e) {
                log.warn("node={} scheduler did not stop cleanly: {}", nodeId, e.toString());
              }
            },
            "rotor-quartz-shutdown");
    stopper.setDaemon(true);
    stopper.start();
    stopper.join(15_000);
    if (stopper.isAlive()) {
      log.warn("node={} scheduler still stopping after 15 s; leaving it", nodeId);
    }
  }

  private void release() {
    closeQuietly(ops);
    closeQuietly(coordinator);
    closeQuietly(notifier);
    closeQuietly(launcher);
    closeQuietly(journal);
    registry.close();
  }

  private void closeQuietly(@Nullable AutoCloseable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception e) {
      log.warn("node={} close failed: {}", nodeId, e.toString());
    }
  }

  /** Reads what the ops endpoints show. */
  private final class Data implements OpsServer.OpsData {
    @Override
    public PrometheusMeterRegistry registry() {
      return registry;
    }

    @Override
    public Optional<java.nio.file.Path> reportFile(String runId) {
      return journal
          .findRun(runId)
          .map(run -> ReportWriter.runFolder(config.reports(), run))
          .map(folder -> folder.resolve(ReportFormat.HTML.fileName()));
    }

    @Override
    public OpsServer.Readiness readiness() {
      return new OpsServer.Readiness(databaseAnswers(), schedulerRuns());
    }

    private boolean databaseAnswers() {
      try (Connection connection = journal.dataSource().getConnection()) {
        return connection.isValid(2);
      } catch (SQLException | RuntimeException e) {
        return false;
      }
    }

    private boolean schedulerRuns() {
      try {
        return scheduler.isStarted() && !scheduler.isInStandbyMode() && !scheduler.isShutdown();
      } catch (SchedulerException e) {
        return false;
      }
    }

    @Override
    public Object plans() throws SchedulerException {
      return OpsViews.plans(catalog, schedules.list(), coordinator.active());
    }

    @Override
    public Object runs() {
      return OpsViews.runs(journal.listRuns(100));
    }

    @Override
    public Optional<Object> run(String runId) {
      return OpsViews.run(journal, runId);
    }
  }
}
