package dev.rotor.schedule;

import dev.rotor.config.Webhook;
import dev.rotor.engine.RunResult;
import dev.rotor.journal.RunState;
import dev.rotor.plan.Plan;
import dev.rotor.plan.Tenant;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows up every run the daemon ends: writes its report, then tells the webhooks. A run stopped
 * by a shutdown ({@code INTERRUPTED}) is resumed elsewhere and is reported when it really ends.
 */
final class RunEvents implements RunListener {
  private static final Logger log = LoggerFactory.getLogger(RunEvents.class);

  private final Function<String, Path> reports;
  private final Notifier notifier;
  private final String nodeId;
  private final Clock clock;

  RunEvents(Function<String, Path> reports, Notifier notifier, String nodeId, Clock clock) {
    this.reports = reports;
    this.notifier = notifier;
    this.nodeId = nodeId;
    this.clock = clock;
  }

  @Override
  public void ended(Plan plan, RunResult result) {
    if (result.state() == RunState.INTERRUPTED) {
      return;
    }
    Path folder = writeReport(plan, result.runId());
    Webhook.Event event = event(result.state());
    Map<String, Object> payload = payload(event, plan, result.runId());
    payload.put("report", folder == null ? null : folder.resolve("report.html").toString());
    payload.put("state", result.state().name());
    payload.put("counts", result.counts());
    payload.put("stopReason", result.stopReason() == null ? null : result.stopReason().describe());
    notifier.notify(event, plan.name(), tenants(plan), payload);
  }

  @Override
  public void failed(Plan plan, String runId, Throwable error) {
    Map<String, Object> payload = payload(Webhook.Event.RUN_FAILED, plan, runId);
    payload.put("error", error.getClass().getSimpleName() + ": " + error.getMessage());
    notifier.notify(Webhook.Event.RUN_FAILED, plan.name(), tenants(plan), payload);
  }

  private @Nullable Path writeReport(Plan plan, String runId) {
    try {
      return reports.apply(runId);
    } catch (RuntimeException e) {
      log.error("run={} plan={} report not written: {}", runId, plan.name(), e.toString());
      return null;
    }
  }

  private Map<String, Object> payload(Webhook.Event event, Plan plan, String runId) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("event", event.name());
    payload.put("plan", plan.name());
    payload.put("runId", runId);
    payload.put("node", nodeId);
    payload.put("at", clock.instant().toString());
    payload.put("reportUrl", "/runs/" + runId + "/report.html");
    return payload;
  }

  static Webhook.Event event(RunState state) {
    return switch (state) {
      case COMPLETED -> Webhook.Event.RUN_FINISHED;
      case ABORTED, INTERRUPTED -> Webhook.Event.RUN_ABORTED;
      case COMPLETED_WITH_FAILURES, RUNNING -> Webhook.Event.RUN_FAILED;
    };
  }

  private static Set<String> tenants(Plan plan) {
    return plan.tenants().stream().map(Tenant::name).collect(Collectors.toSet());
  }
}
