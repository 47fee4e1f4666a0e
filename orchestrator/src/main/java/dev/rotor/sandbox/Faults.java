package dev.rotor.sandbox;

/**
 * Describes the misbehaviour the sandbox injects, all off by default.
 *
 * <p>Latency applies to every Atlas call. The other kinds apply to the revoke call only; they are
 * exclusive and are drawn in the order of the components, so their ratios must not add up to more
 * than 1.
 *
 * @param latencyMs fixed delay added before each Atlas response
 * @param jitterMs upper bound of a random delay added on top of {@code latencyMs}
 * @param error500Ratio share of revocations answered 500 without being applied
 * @param error503Ratio share of revocations answered 503 with {@code Retry-After}, not applied
 * @param dropBeforeApplyRatio share of revocations whose connection is closed, not applied
 * @param hangAfterApplyRatio share of revocations applied whose response never comes
 * @param dropAfterApplyRatio share of revocations applied whose connection is then closed
 */
public record Faults(
    long latencyMs,
    long jitterMs,
    double error500Ratio,
    double error503Ratio,
    double hangAfterApplyRatio,
    double dropBeforeApplyRatio,
    double dropAfterApplyRatio) {

  /** Injects nothing. */
  public static final Faults NONE = new Faults(0, 0, 0, 0, 0, 0, 0);

  /** Checks that delays are not negative and that ratios lie between 0 and 1. */
  public Faults {
    if (latencyMs < 0 || jitterMs < 0) {
      throw new IllegalArgumentException(
          "latencyMs and jitterMs must not be negative, got " + latencyMs + " and " + jitterMs);
    }
    checkRatio("error500Ratio", error500Ratio);
    checkRatio("error503Ratio", error503Ratio);
    checkRatio("hangAfterApplyRatio", hangAfterApplyRatio);
    checkRatio("dropBeforeApplyRatio", dropBeforeApplyRatio);
    checkRatio("dropAfterApplyRatio", dropAfterApplyRatio);
    double sum =
        error500Ratio
            + error503Ratio
            + hangAfterApplyRatio
            + dropBeforeApplyRatio
            + dropAfterApplyRatio;
    if (sum > 1.0 + 1e-9) {
      throw new IllegalArgumentException("Fault ratios must add up to at most 1, got " + sum);
    }
  }

  /** Returns a copy with the given fixed latency and jitter. */
  public Faults withLatency(long latencyMs, long jitterMs) {
    return new Faults(
        latencyMs,
        jitterMs,
        error500Ratio,
        error503Ratio,
        hangAfterApplyRatio,
        dropBeforeApplyRatio,
        dropAfterApplyRatio);
  }

  /** Returns a copy with the given share of 500 answers. */
  public Faults withError500Ratio(double ratio) {
    return new Faults(
        latencyMs,
        jitterMs,
        ratio,
        error503Ratio,
        hangAfterApplyRatio,
        dropBeforeApplyRatio,
        dropAfterApplyRatio);
  }

  /** Returns a copy with the given share of 503 answers. */
  public Faults withError503Ratio(double ratio) {
    return new Faults(
        latencyMs,
        jitterMs,
        error500Ratio,
        ratio,
        hangAfterApplyRatio,
        dropBeforeApplyRatio,
        dropAfterApplyRatio);
  }

  /** Returns a copy with the given share of applied revocations that never get a response. */
  public Faults withHangAfterApplyRatio(double ratio) {
    return new Faults(
        latencyMs,
        jitterMs,
        error500Ratio,
        error503Ratio,
        ratio,
        dropBeforeApplyRatio,
        dropAfterApplyRatio);
  }

  /** Returns a copy with the given share of connections closed before applying. */
  public Faults withDropBeforeApplyRatio(double ratio) {
    return new Faults(
        latencyMs,
        jitterMs,
        error500Ratio,
        error503Ratio,
        hangAfterApplyRatio,
        ratio,
        dropAfterApplyRatio);
  }

  /** Returns a copy with the given share of connections closed after applying. */
  public Faults withDropAfterApplyRatio(double ratio) {
    return new Faults(
        latencyMs,
        jitterMs,
        error500Ratio,
        error503Ratio,
        hangAfterApplyRatio,
        dropBeforeApplyRatio,
        ratio);
  }

  private static void checkRatio(String name, double ratio) {
    if (!(ratio >= 0.0 && ratio <= 1.0)) {
      throw new IllegalArgumentException(name + " must lie between 0 and 1, got " + ratio);
    }
  }
}
