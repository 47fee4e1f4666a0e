package dev.rotor.sandbox;

import java.time.Duration;
import java.util.Random;

/** Draws latencies and revoke faults from a seeded random source, so runs can be repeated. */
final class FaultInjector {

  /** Names what happens to one revoke call. */
  enum Outcome {
    NONE,
    ERROR_500,
    ERROR_503,
    DROP_BEFORE_APPLY,
    HANG_AFTER_APPLY,
    DROP_AFTER_APPLY
  }

  private final Random random;
  private volatile Faults faults;

  FaultInjector(Faults faults, long seed) {
    this.faults = faults;
    this.random = new Random(seed);
  }

  Faults faults() {
    return faults;
  }

  void setFaults(Faults faults) {
    this.faults = faults;
  }

  /** Returns the delay to add before answering: the fixed latency plus a random jitter. */
  Duration delay() {
    Faults current = faults;
    long jitter = current.jitterMs() > 0 ? random.nextLong(current.jitterMs() + 1) : 0;
    return Duration.ofMillis(current.latencyMs() + jitter);
  }

  /** Draws the fault of one revoke call; the kinds are exclusive. */
  Outcome draw() {
    Faults current = faults;
    if (current.equals(Faults.NONE.withLatency(current.latencyMs(), current.jitterMs()))) {
      return Outcome.NONE;
    }
    double r = random.nextDouble();
    double[] bounds = {
      current.error500Ratio(),
      current.error503Ratio(),
      current.dropBeforeApplyRatio(),
      current.hangAfterApplyRatio(),
      current.dropAfterApplyRatio()
    };
    Outcome[] outcomes = {
      Outcome.ERROR_500,
      Outcome.ERROR_503,
      Outcome.DROP_BEFORE_APPLY,
      Outcome.HANG_AFTER_APPLY,
      Outcome.DROP_AFTER_APPLY
    };
    double edge = 0;
    for (int i = 0; i < bounds.length; i++) {
      edge += bounds[i];
      if (r < edge) {
        return outcomes[i];
      }
    }
    return Outcome.NONE;
  }
}
