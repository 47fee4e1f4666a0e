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
  private final AtomicLong quickestRoundTripNanos = new AtomicLong(Long.MAX_VALUE);
  private final Runnable onWait;

  Lane(String tenant, RateLimit limit, int concurrency, Scheduler scheduler) {
    this(tenant, limit, concurrency, scheduler, () -> {});
  }

  /** Creates a lane that runs {@code onWait} each time a request has to wait for it. */
  Lane(String tenant, RateLimit limit, int concurrency, Scheduler scheduler, Runnable onWait) {
    this.onWait = onWait;
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

  /** Returns how many requests of this lane had to wait for its bucket or for a pause. */
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
                  Reservation reservation = tryReserve();
                  if (reservation == null) {
                    return permit();
                  }
                  reservation.sent();
                  reservation.answered(true);
                  return Mono.<Void>empty();
                }));
  }

  /**
   * Completes once the lane is not paused and its bucket holds a token beyond those reserved by
   * requests in flight, without reserving it.
   */
  Mono<Void> ready() {
    return Mono.defer(() -> waitReady(true));
  }

  private Mono<Void> waitReady(boolean first) {
    long pause = pausedUntilNanos.get() - now();
    if (pause > 0) {
      return waitAgain(Duration.ofNanos(pause), first);
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
    return waitAgain(wait, first);
  }

  private Mono<Void> waitAgain(Duration wait, boolean first) {
    if (first) {
      waits.incrementAndGet();
      onWait.run();
    }
    return Mono.delay(wait, scheduler).then(Mono.defer(() -> waitReady(false)));
  }

  /**
   * Reserves a token for a request about to be sent, if the lane is not paused and its bucket holds
   * one beyond those already reserved; returns the reservation, or null when there is none to take.
   *
   * <p>The token leaves Rotor's bucket only when Atlas has taken it from its own (see {@link
   * Reservation}): Atlas's bucket starts refilling when a request arrives, and Rotor's must never
   * start earlier, or its refills would run ahead of Atlas's and draw a 429.
   */
  synchronized @Nullable Reservation tryReserve() {
    if (pausedUntilNanos.get() - now() > 0 || bucket.getAvailableTokens() - reserved.get() < 1) {
      return null;
    }
    reserved.incrementAndGet();
    return new Reservation();
  }

  /** Returns the quickest round trip of this lane's requests so far, if any was answered. */
  @Nullable Duration quickestRoundTrip() {
    long nanos = quickestRoundTripNanos.get();
    return nanos == Long.MAX_VALUE ? null : Duration.ofNanos(nanos);
  }

  /**
   * One request's token, from its reservation to the moment Atlas surely took it. A request reaches
   * Atlas's bucket some time between being written and being answered; Rotor takes the token half
   * the lane's quickest round trip after the request is written (the path there is never quicker
   * than that), or at the answer if that comes first, and for a lane's first request, whose round
   * trip it does not know yet.
   */
  final class Reservation {
    private boolean settled;
    private long sentAtNanos;

    /** The request is written now. */
    void sent() {
      sentAtNanos = now();
      long quickest = quickestRoundTripNanos.get();
      if (quickest != Long.MAX_VALUE) {
        Mono.delay(Duration.ofNanos(quickest / 2), scheduler).subscribe(tick -> spend());
      }
    }

    /**
     * Atlas answered: spends the token if it reached Atlas's bucket ({@code counted}), gives it
     * back if it did not (a 429 Atlas did not count, or no connection).
     */
    void answered(boolean counted) {
      quickestRoundTripNanos.accumulateAndGet(now() - sentAtNanos, Math::min);
      synchronized (Lane.this) {
        if (!settled) {
          settled = true;
          reserved.decrementAndGet();
          if (counted) {
            bucket.consumeIgnoringRateLimits(1);
          }
        } else if (!counted) {
          bucket.addTokens(1);
        }
      }
    }

    /** The request was never sent: the token stays in the bucket. */
    void cancel() {
      synchronized (Lane.this) {
        if (!settled) {
          settled = true;
          reserved.decrementAndGet();
        }
      }
    }

    /** What became of the request is not known: count the token as taken. */
    void spend() {
      synchronized (Lane.this) {
        if (!settled) {
          settled = true;
          reserved.decrementAndGet();
          bucket.consumeIgnoringRateLimits(1);
        }
      }
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
