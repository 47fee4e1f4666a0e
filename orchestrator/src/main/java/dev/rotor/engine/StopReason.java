package dev.rotor.engine;

/** Why a run stopped starting revocations before it ran out of targets. */
public record StopReason(Kind kind, String detail) {

  /** The guard that tripped. */
  public enum Kind {
    /** A canary revocation did not succeed. */
    CANARY_FAILED,
    /** More revocations failed than the plan's maximum failure ratio allows. */
    FAILURE_RATIO,
    /** The plan's window closed. */
    WINDOW_CLOSED,
    /** SIGINT or SIGTERM, or the daemon shutting down. */
    SIGNAL,
    /** The plan selects more identity providers than its maximum. */
    TOO_MANY_TARGETS,
    /** Another node took the run over, its heartbeat having gone stale. */
    TAKEN_OVER
  }

  /** Returns the reason as one line, for the journal and the report. */
  public String describe() {
    return kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ": " + detail;
  }
}
