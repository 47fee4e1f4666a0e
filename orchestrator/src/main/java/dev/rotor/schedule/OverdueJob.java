package dev.rotor.schedule;

import java.time.Instant;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** Runs the overdue check over the period since its previous fire, on one node of the cluster. */
@DisallowConcurrentExecution
final class OverdueJob implements Job {
  private final OverdueCheck check;

  OverdueJob(OverdueCheck check) {
    this.check = check;
  }

  @Override
  public void execute(JobExecutionContext context) {
    Instant now = context.getFireTime().toInstant();
    Instant from =
        context.getPreviousFireTime() == null
            ? now.minusMillis(context.getTrigger().getNextFireTime().getTime() - now.toEpochMilli())
            : context.getPreviousFireTime().toInstant();
    check.check(from, now);
  }
}
