package dev.rotor.engine;

import dev.rotor.config.RateLimit;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * One tenant's lane: its token bucket (Bucket4j, refilled greedily as Atlas's buckets are), its
 * concurrency, the pause Atlas asked for with a 429 or a {@code Retry-After}, and the count of
 * refusals of its credential. Time comes from the run's {@link Scheduler}, so that tests can drive
 * the bucket and the pauses with virtual time.
 */
final class Lane {
  private final String tenant;
  private final int concurrency;
  private final Bucket bucket;
  private final Scheduler scheduler;
  private final AtomicLong pausedUntilNanos = new AtomicLong();
  private final AtomicInteger refusals = new AtomicInteger();
  private final AtomicReference<@Nullable String> haltReason = new AtomicReference<>();
  private final AtomicLong waits = new AtomicLong();
  private final AtomicLong sent = new AtomicLong();

  Lane(String tenant, RateLimit limit, int concurrency, Scheduler scheduler) {
    this.tenant = tenant;
    this.concurrency = concurrency;
    this.scheduler = scheduler;
    this.bucket = bucket(limit, scheduler);
  }

  private static Bucket bucket(RateLimit limit, Scheduler scheduler) {
    Bandwidth bandwidth =
        Bandwidth.builder()
            .capacity(limit.capacity())
            .refillGreedy(limit.refill(), limit.period())
            .build();
    return Bucket.builder()
        .addLimit(bandwidth)
        .withCustomTimePrecision(new SchedulerTime(scheduler))
        .build();
  }

  String tenant() {
    return tenant;
  }

  int concurrency() {
    return concurrency;
  }

  /** Returns how many times this lane waited for its bucket or for a pause. */
  long waits() {
    return waits.get();
  }

  /**
   * Completes when the lane may send one more request: after any pause Atlas asked for, and once
   * the bucket has a token, which this takes.
   */
  Mono<Void> permit() {
    return ready().then(Mono.defer(() -> tryTake() ? Mono.<Void>empty() : permit()));
  }

  /**
   * Completes once the lane is not paused and its bucket has a token, without taking it: the caller
   * takes it with {@link #tryTake()} right before sending, so that Rotor's bucket starts to refill
   * when Atlas's does, when the request arrives, and not while it waits for a call slot.
   */
  Mono<Void> ready() {
    return Mono.defer(this::waitReady);
  }

  private Mono<Void> waitReady() {
    long pause = pausedUntilNanos.get() - now();
    if (pause > 0) {
      waits.incrementAndGet();
      return Mono.delay(Duration.ofNanos(pause), scheduler).then(Mono.defer(this::waitReady));
    }
    EstimationProbe probe = bucket.estimateAbilityToConsume(1);
    if (probe.canBeConsumed()) {
      return Mono.empty();
    }
    waits.incrementAndGet();
    Duration wait = Duration.ofNanos(probe.getNanosToWaitForRefill());
    return Mono.delay(wait, scheduler).then(Mono.defer(this::waitReady));
  }

  /** Takes a token if the lane is not paused and has one; returns whether it did. */
  boolean tryTake() {
    if (pausedUntilNanos.get() - now() > 0 || !bucket.tryConsume(1)) {
      return false;
    }
    sent.incrementAndGet();
    return true;
  }

  /** Returns how many requests the lane has been allowed to send, its place in the fair queue. */
  long sent() {
    return sent.get();
  }

  /** Pauses the whole lane for {@code duration}: no request of this tenant starts before then. */
  void pause(Duration duration) {
    long until = now() + duration.toNanos();
    pausedUntilNanos.accumulateAndGet(until, Math::max);
  }

  /** Counts a refusal of the credential; returns whether the lane has now reached {@code limit}. */
  boolean refused(int limit, String reason) {
    if (refusals.incrementAndGet() >= limit) {
      haltReason.compareAndSet(null, reason);
      return true;
    }
    return false;
  }

  /** Returns why the lane was halted, or null while it runs. */
  @Nullable String haltReason() {
    return haltReason.get();
  }

  private long now() {
    return scheduler.now(TimeUnit.NANOSECONDS);
  }

  /** Reads Bucket4j's time from the run's scheduler, virtual in tests. */
  private record SchedulerTime(Scheduler scheduler) implements TimeMeter {
    @Override
    public long currentTimeNanos() {
      return scheduler.now(TimeUnit.NANOSECONDS);
    }

    @Override
    public boolean isWallClockBased() {
      return false;
    }
  }
}
