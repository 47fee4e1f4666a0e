package dev.rotor.engine;

import dev.rotor.journal.TargetRecord;
import dev.rotor.journal.TargetState;
import dev.rotor.plan.Plan;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What running a plan would do, before it does anything: the targets per tenant and federation, the
 * organizations each will log out, what is skipped and why, and how long it should take.
 */
public record Preview(Plan plan, Resolution resolution, List<Estimate> estimates) {

  public Preview {
    estimates = List.copyOf(estimates);
  }

  /** Returns the estimated duration of the run: its slowest lane. */
  public Duration estimate() {
    return estimates.stream()
        .map(Estimate::duration)
        .max(Duration::compareTo)
        .orElse(Duration.ZERO);
  }

  /** Returns whether the estimate exceeds the plan's window. */
  public boolean exceedsWindow() {
    return estimate().compareTo(plan.window()) > 0;
  }

  /** Returns the distinct organizations the pending revocations will log out. */
  public Set<String> organizations() {
    return resolution.pending().stream()
        .flatMap(t -> t.organizationIds().stream())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** Returns the number of pending targets per tenant, in plan order. */
  public Map<String, Long> pendingByTenant() {
    return resolution.pending().stream()
        .collect(
            Collectors.groupingBy(
                TargetRecord::tenant, java.util.LinkedHashMap::new, Collectors.counting()));
  }

  /** Returns the skipped targets. */
  public List<TargetRecord> skipped() {
    return resolution.targets().stream().filter(t -> t.state() == TargetState.SKIPPED).toList();
  }
}
