package dev.rotor.engine;

import dev.rotor.journal.TargetState;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts a run's outcomes as they become durable, for progress bars, log lines and the ops
 * endpoints. Reading it never blocks the run.
 */
public final class Progress {
  private final Map<TargetState, LongAdder> counts = new EnumMap<>(TargetState.class);
  private final AtomicLong total = new AtomicLong();
  private final Instant startedAt;
  private volatile String runId = "";

  /** Creates the counters of a run that started at {@code startedAt}. */
  public Progress(Instant startedAt) {
    this.startedAt = startedAt;
    for (TargetState state : TargetState.values()) {
      counts.put(state, new LongAdder());
    }
  }

  /** Returns the id of the run, empty until the engine has created it. */
  public String runId() {
    return runId;
  }

  void runId(String id) {
    this.runId = id;
  }

  void total(long targets) {
    total.set(targets);
  }

  void count(TargetState state) {
    counts.get(state).increment();
  }

  void add(TargetState state, long count) {
    counts.get(state).add(count);
  }

  /** Returns a consistent-enough picture of the run at {@code now}. */
  public Snapshot snapshot(Instant now) {
    Map<TargetState, Long> copy = new EnumMap<>(TargetState.class);
    counts.forEach((state, adder) -> copy.put(state, adder.sum()));
    return new Snapshot(total.get(), copy, Duration.between(startedAt, now));
  }

  /**
   * What a run has done so far.
   *
   * @param total the targets of the run, skipped ones included
   */
  public record Snapshot(long total, Map<TargetState, Long> counts, Duration elapsed) {

    /** Returns how many targets have reached a final state. */
    public long done() {
      return counts.entrySet().stream()
          .filter(e -> e.getKey().isFinal())
          .mapToLong(Map.Entry::getValue)
          .sum();
    }

    /** Returns the count of {@code state}. */
    public long count(TargetState state) {
      return counts.getOrDefault(state, 0L);
    }

    /** Returns final outcomes per second since the run started. */
    public double rate() {
      double seconds = elapsed.toMillis() / 1000.0;
      return seconds <= 0 ? 0 : done() / seconds;
    }

    /** Returns the expected time left at the current rate, or null before there is a rate. */
    public Duration eta() {
      double rate = rate();
      long left = total - done();
      return rate <= 0 ? null : Duration.ofMillis((long) (left / rate * 1000));
    }
  }
}
