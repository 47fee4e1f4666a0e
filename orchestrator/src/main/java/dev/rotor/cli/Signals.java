package dev.rotor.cli;

import dev.rotor.engine.RunControl;
import dev.rotor.engine.StopReason;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Turns SIGINT and SIGTERM into a clean stop: the run stops starting revocations, the calls in
 * flight finish and are recorded, the report is written, and the process exits with code 3. The
 * wait is bounded, so that a hung call cannot keep the process alive forever; what is still in
 * flight then stays in the journal as such, for {@code rotor resume} to settle.
 */
final class Signals implements AutoCloseable {
  private final RunControl control;
  private final Duration drain;
  private final CountDownLatch finished = new CountDownLatch(1);
  private final AtomicInteger exitCode = new AtomicInteger(ExitCodes.ABORTED);
  private final Thread hook = new Thread(this::onSignal, "rotor-signal");

  private Signals(RunControl control, Duration drain) {
    this.control = control;
    this.drain = drain;
  }

  /** Installs the handler for the life of one run. */
  static Signals install(RunControl control, Duration drain) {
    Signals signals = new Signals(control, drain);
    Runtime.getRuntime().addShutdownHook(signals.hook);
    return signals;
  }

  private void onSignal() {
    if (control.stop(new StopReason(StopReason.Kind.SIGNAL, "the process received a signal"))) {
      System.err.println(
          "rotor: stopping: no new revocation starts; waiting up to "
              + drain.toSeconds()
              + "s for the calls in flight");
    }
    try {
      if (finished.await(drain.plusSeconds(15).toMillis(), TimeUnit.MILLISECONDS)) {
        Runtime.getRuntime().halt(exitCode.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Runtime.getRuntime().halt(ExitCodes.ABORTED);
  }

  /**
   * Records that the run and its report are done, with the exit code the process should end with.
   */
  void finished(int code) {
    exitCode.set(code);
    finished.countDown();
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down: the hook is running and exits with the recorded code
    }
  }
}
