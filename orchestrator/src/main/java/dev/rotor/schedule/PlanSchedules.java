package dev.rotor.schedule;

import dev.rotor.plan.Plan;
import dev.rotor.plan.Schedule;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;
import org.jspecify.annotations.Nullable;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one Quartz job and one cron trigger per scheduled plan, keyed by the plan's name, with the
 * plan's blackouts as the trigger's calendar. A plan whose schedule did not change keeps its
 * trigger untouched, so that fire times missed while no daemon ran are still seen as misfires.
 */
final class PlanSchedules {
  static final String GROUP = "plans";
  static final String PLAN_FILE = "planFile";
  static final String FINGERPRINT = "fingerprint";
  private static final Logger log = LoggerFactory.getLogger(PlanSchedules.class);

  private final Scheduler scheduler;

  PlanSchedules(Scheduler scheduler) {
    this.scheduler = scheduler;
  }

  /**
   * Schedules {@code plan} read from {@code fileName}, or reschedules it if its schedule changed.
   */
  void put(Plan plan, String fileName, Schedule schedule) throws SchedulerException {
    String fingerprint = fingerprint(fileName, schedule);
    JobDetail existing = scheduler.getJobDetail(jobKey(plan.name()));
    if (existing != null && fingerprint.equals(existing.getJobDataMap().getString(FINGERPRINT))) {
      return;
    }
    String calendar = calendar(plan.name(), schedule);
    Trigger trigger = trigger(plan, schedule, calendar);
    scheduler.scheduleJob(job(plan, fileName, fingerprint), Set.of(trigger), true);
    if (calendar == null) {
      scheduler.deleteCalendar(calendarName(plan.name()));
    }
    log.info(
        "plan={} scheduled cron=\"{}\" zone={} misfire={} blackouts={}",
        plan.name(),
        schedule.cron(),
        schedule.zone(),
        schedule.misfire().yamlName(),
        schedule.blackouts().size());
  }

  /** Unschedules the plan called {@code planName}; returns whether it was scheduled. */
  boolean remove(String planName) throws SchedulerException {
    boolean removed = scheduler.deleteJob(jobKey(planName));
    scheduler.deleteCalendar(calendarName(planName));
    if (removed) {
      log.info("plan={} unscheduled", planName);
    }
    return removed;
  }

  /** Returns every scheduled plan with the file it was read from and its next fire time. */
  List<Scheduled> list() throws SchedulerException {
    List<Scheduled> result = new ArrayList<>();
    for (JobKey key : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(GROUP))) {
      JobDetail job = scheduler.getJobDetail(key);
      Trigger trigger = scheduler.getTrigger(triggerKey(key.getName()));
      if (job != null) {
        result.add(
            new Scheduled(key.getName(), job.getJobDataMap().getString(PLAN_FILE), next(trigger)));
      }
    }
    result.sort((a, b) -> a.planName().compareTo(b.planName()));
    return result;
  }

  /** Returns the next fire time of the plan called {@code planName}, if it is scheduled. */
  Optional<Instant> nextFire(String planName) throws SchedulerException {
    return Optional.ofNullable(next(scheduler.getTrigger(triggerKey(planName))));
  }

  private static @Nullable Instant next(@Nullable Trigger trigger) {
    return trigger == null || trigger.getNextFireTime() == null
        ? null
        : trigger.getNextFireTime().toInstant();
  }

  private @Nullable String calendar(String planName, Schedule schedule) throws SchedulerException {
    if (schedule.blackouts().isEmpty()) {
      return null;
    }
    String name = calendarName(planName);
    scheduler.addCalendar(
        name, BlackoutCalendar.of(schedule.blackouts(), schedule.zone()), true, true);
    return name;
  }

  private static JobDetail job(Plan plan, String fileName, String fingerprint) {
    return JobBuilder.newJob(PlanJob.class)
        .withIdentity(jobKey(plan.name()))
        .withDescription(plan.description())
        .usingJobData(PLAN_FILE, fileName)
        .usingJobData(FINGERPRINT, fingerprint)
        .storeDurably()
        .build();
  }

  private static Trigger trigger(Plan plan, Schedule schedule, @Nullable String calendar) {
    CronScheduleBuilder cron =
        CronScheduleBuilder.cronSchedule(schedule.cron())
            .inTimeZone(TimeZone.getTimeZone(schedule.zone()));
    cron =
        switch (schedule.misfire()) {
          case SKIP -> cron.withMisfireHandlingInstructionDoNothing();
          case FIRE_ONCE -> cron.withMisfireHandlingInstructionFireAndProceed();
        };
    return TriggerBuilder.newTrigger()
        .withIdentity(triggerKey(plan.name()))
        .forJob(jobKey(plan.name()))
        .withSchedule(cron)
        .modifiedByCalendar(calendar)
        .startNow()
        .build();
  }

  static JobKey jobKey(String planName) {
    return JobKey.jobKey(planName, GROUP);
  }

  static TriggerKey triggerKey(String planName) {
    return TriggerKey.triggerKey(planName, GROUP);
  }

  private static String calendarName(String planName) {
    return "blackouts-" + planName;
  }

  /** Fingerprints what the trigger is built from: a change here means a new trigger. */
  static String fingerprint(String fileName, Schedule schedule) {
    String text =
        String.join(
            "\n",
            fileName,
            schedule.cron(),
            schedule.zone().getId(),
            schedule.misfire().name(),
            schedule.blackouts().toString());
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** A plan as Quartz holds it. */
  record Scheduled(String planName, String planFile, @Nullable Instant nextFire) {}
}
