package dev.rotor.engine;

import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Lets anyone stop a run from starting new revocations: a signal handler, the daemon shutting down,
 * or one of the run's own guards. The first reason given wins; calls in flight finish and are
 * recorded.
 */
public final class RunControl {
  private final AtomicReference<@Nullable StopReason> reason = new AtomicReference<>();

  /** Asks the run to stop starting revocations; returns whether this was the first request. */
  public boolean stop(StopReason why) {
    return reason.compareAndSet(null, why);
  }

  /** Returns whether the run has been asked to stop. */
  public boolean stopped() {
    return reason.get() != null;
  }

  /** Returns why the run was stopped, or null while it runs. */
  public @Nullable StopReason reason() {
    return reason.get();
  }
}
