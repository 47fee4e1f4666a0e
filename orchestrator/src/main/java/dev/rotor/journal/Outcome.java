package dev.rotor.journal;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Holds how an attempt on one target ended: the final state, Atlas's HTTP status and {@code
 * errorCode}, a detail, the evidence (event id), and the latency of the last attempt.
 */
public record Outcome(
    TargetState state,
    @Nullable String reason,
    @Nullable Integer httpStatus,
    @Nullable String errorCode,
    @Nullable String detail,
    @Nullable String evidence,
    Instant completedAt,
    @Nullable Long latencyMs) {

  /** Checks that {@code state} is final. */
  public Outcome {
    requireNonNull(state, "state");
    requireNonNull(completedAt, "completedAt");
    if (!state.isFinal()) {
      throw new IllegalArgumentException("Outcome state must be final, was " + state);
    }
  }

  /** Returns a confirmed revocation. */
  public static Outcome revoked(
      int httpStatus, @Nullable String evidence, Instant completedAt, long latencyMs) {
    return new Outcome(
        TargetState.REVOKED, null, httpStatus, null, null, evidence, completedAt, latencyMs);
  }

  /** Returns a refusal or an error that kept the request from succeeding. */
  public static Outcome failed(
      @Nullable Integer httpStatus,
      @Nullable String errorCode,
      @Nullable String detail,
      Instant completedAt,
      @Nullable Long latencyMs) {
    return new Outcome(
        TargetState.FAILED, null, httpStatus, errorCode, detail, null, completedAt, latencyMs);
  }

  /** Returns a sent request whose result is not known, and why. */
  public static Outcome unknown(String reason, Instant completedAt, @Nullable Long latencyMs) {
    return new Outcome(TargetState.UNKNOWN, reason, null, null, null, null, completedAt, latencyMs);
  }

  /** Returns the outcome of a dry run, which sends nothing. */
  public static Outcome dryRun(Instant completedAt) {
    return new Outcome(TargetState.DRY_RUN, null, null, null, null, null, completedAt, null);
  }
}
