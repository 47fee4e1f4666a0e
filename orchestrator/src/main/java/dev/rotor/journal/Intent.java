package dev.rotor.journal;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** Says that an attempt to revoke target {@code seq} of run {@code runId} starts now. */
public record Intent(String runId, int seq, Instant attemptStartedAt) {

  /** Checks the fields. */
  public Intent {
    requireNonNull(runId, "runId");
    requireNonNull(attemptStartedAt, "attemptStartedAt");
  }
}
