package dev.rotor.journal;

/** Tells where one identity provider of a run stands. */
public enum TargetState {
  /** Planned, no request sent yet. */
  PENDING,
  /**
   * The intent is recorded: a request may have reached Atlas, so resuming must settle, not resend.
   */
  IN_FLIGHT,
  /** Atlas confirmed the revocation. */
  REVOKED,
  /** Atlas refused the revocation or it could not be sent. */
  FAILED,
  /** A request was sent and its result is not known. */
  UNKNOWN,
  /** Left out on purpose, with a reason (cooldown, duplicate, filter). */
  SKIPPED,
  /** A dry run went through the motions without sending. */
  DRY_RUN;

  /** Returns whether an outcome has been recorded, so that the target must not change any more. */
  public boolean isFinal() {
    return this != PENDING && this != IN_FLIGHT;
  }
}
