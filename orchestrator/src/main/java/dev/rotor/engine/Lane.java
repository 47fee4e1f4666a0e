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
  private final long capacity;
  private final Duration tokenInterval;
  private final Bucket bucket;
  private final Scheduler scheduler;
  private final AtomicLong pausedUntilNanos = new AtomicLong();
  private final AtomicInteger refusals = new AtomicInteger();
  private final AtomicReference<@Nullable String> haltReason = new AtomicReference<>();
  private final AtomicLong waits = new AtomicLong();
  private final AtomicLong tickets = new AtomicLong();
  private final AtomicInteger reserved = new AtomicInteger();

  Lane(String tenant, RateLimit limit, int concurrency, Scheduler scheduler) {
    this.tenant = tenant;
    this.capacity = limit.capacity();
    this.tokenInterval = limit.period().dividedBy(limit.refill());
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
   * the bucket has a token, which this spends at once (as if the request arrived immediately).
   */
  Mono<Void> permit() {
    return ready()
        .then(
            Mono.defer(
                () -> {
                  if (!tryReserve()) {
                    return permit();
                  }
                  settle(true);
                  return Mono.<Void>empty();
                }));
  }

  /**
   * Completes once the lane is not paused and its bucket holds a token beyond those reserved by
   * requests in flight, without reserving it.
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
    long needed = reserved.get() + 1L;
    Duration wait = tokenInterval;
    if (needed <= capacity) {
      EstimationProbe probe = bucket.estimateAbilityToConsume(needed);
      if (probe.canBeConsumed()) {
        return Mono.empty();
      }
      wait = Duration.ofNanos(Math.max(1, probe.getNanosToWaitForRefill()));
    }
    // With as many requests in flight as the bucket holds, a token frees up only when one is
    // answered and the bucket refills: look again one refill later.
    waits.incrementAndGet();
    return Mono.delay(wait, scheduler).then(Mono.defer(this::waitReady));
  }

  /**
   * Reserves a token for a request about to be sent, if the lane is not paused and its bucket holds
   * one beyond those already reserved; returns whether it did.
   *
   * <p>The token is only spent by {@link #settle} when Atlas has answered. Atlas's bucket starts
   * refilling when a request arrives; Rotor's, spent at the answer, never starts earlier, so a
   * request that waited for a call slot or a journal write cannot make Rotor's refills run ahead of
   * Atlas's and draw a 429.
   */
  synchronized boolean tryReserve() {
    if (pausedUntilNanos.get() - now() > 0 || bucket.getAvailableTokens() - reserved.get() < 1) {
      return false;
    }
    reserved.incrementAndGet();
    return true;
  }

  /**
   * Ends a reservation once the request's fate is known: spends the token when the request reached
   * Atlas's bucket ({@code arrived}), gives it back when it never did (no connection, or a 429 that
   * Atlas did not count).
   */
  synchronized void settle(boolean arrived) {
    reserved.decrementAndGet();
    if (arrived) {
      bucket.consumeIgnoringRateLimits(1);
    }
  }

  /**
   * Returns the lane's next place in the fair queue for call slots: its first request gets 0, its
   * second 1, and so on, so that every lane's first request is served before any lane's second.
   */
  long nextTicket() {
    return tickets.getAndIncrement();
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
