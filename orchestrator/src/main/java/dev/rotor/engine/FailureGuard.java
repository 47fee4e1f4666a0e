package dev.rotor.engine;

/**
 * Trips when more revocations fail than the plan's maximum failure ratio allows. The ratio is read
 * over what has completed, but never over fewer than {@link #MIN_SAMPLE} outcomes, so that one
 * early failure does not stop a run of thousands.
 */
final class FailureGuard {
  static final int MIN_SAMPLE = 20;

  private final double maxRatio;
  private long completed;
  private long failed;

  FailureGuard(double maxRatio) {
    this.maxRatio = maxRatio;
  }

  /** Counts an outcome; returns whether the guard has now tripped. */
  synchronized boolean record(boolean failure) {
    completed++;
    if (failure) {
      failed++;
    }
    return failed > maxRatio * Math.max(completed, MIN_SAMPLE);
  }

  synchronized String describe() {
    return failed
        + " of "
        + completed
        + " revocations failed, more than the plan's maximum ratio "
        + maxRatio;
  }
}
