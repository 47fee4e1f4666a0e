package dev.rotor.engine;

import dev.rotor.journal.Outcome;
import dev.rotor.journal.Revocation;
import dev.rotor.journal.TargetState;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Words and outcomes for what a resume and a cooldown decide. */
final class Resumes {
  private Resumes() {}

  /** Returns the outcome of a target found in flight on resume. */
  static Outcome settled(@Nullable String eventId, Instant now) {
    if (eventId != null) {
      return new Outcome(
          TargetState.REVOKED,
          "in flight when the run stopped; settled from event " + eventId,
          null,
          null,
          null,
          eventId,
          now,
          null);
    }
    return new Outcome(
        TargetState.UNKNOWN,
        "in flight when the run stopped and no revocation event was found; not sent again"
            + " (rotor resume --retry-unknown sends it again)",
        null,
        null,
        null,
        null,
        now,
        null);
  }

  /** Returns why an identity provider revoked recently is skipped. */
  static String cooldown(Revocation last, Duration cooldown) {
    return "revoked by run "
        + last.runId()
        + " at "
        + last.completedAt()
        + ", within the cooldown of "
        + cooldown
        + " (--force revokes it anyway)";
  }
}
