package dev.rotor.schedule;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/**
 * Fires one plan when its trigger does. Quartz never runs two of these for one plan at once, in the
 * whole cluster; the run's fan-out happens in the engine, not in Quartz.
 */
@DisallowConcurrentExecution
final class PlanJob implements Job {
  private final RunCoordinator coordinator;

  PlanJob(RunCoordinator coordinator) {
    this.coordinator = coordinator;
  }

  @Override
  public void execute(JobExecutionContext context) {
    String planName = context.getJobDetail().getKey().getName();
    String fileName = context.getMergedJobDataMap().getString(PlanSchedules.PLAN_FILE);
    coordinator.fire(planName, fileName, context.getScheduledFireTime().toInstant());
  }
}
