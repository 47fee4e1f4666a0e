package dev.rotor.auth;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.rotor.config.CredentialSpec.ServiceAccount;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.util.retry.Retry;

/**
 * Caches one OAuth access token per service account and shares it between all calls.
 *
 * <p>Tokens live in a Caffeine {@link AsyncCache} keyed by credential name, so however many calls
 * wait, only one token request per credential is in flight. An entry expires at the token's refresh
 * time ({@link AccessToken#refreshAt(Duration)}), measured on the injected {@link Clock} through a
 * {@link Ticker}, so the next call fetches a fresh token before the old one runs out. A token
 * request refused by the token endpoint's rate limit (429) is repeated after the wait Atlas asks
 * for, a bounded number of times.
 */
public final class TokenCache {
  /** The metric counting token requests, tagged {@code credential} and {@code outcome}. */
  public static final String FETCHES_METRIC = "rotor.auth.token.fetches";

  static final int MAX_RATE_LIMIT_RETRIES = 3;
  static final Duration MAX_RATE_LIMIT_WAIT = Duration.ofMinutes(2);
  private static final Logger log = LoggerFactory.getLogger(TokenCache.class);

  private final TokenSource source;
  private final Duration refreshMargin;
  private final MeterRegistry registry;
  private final Scheduler scheduler;
  private final AsyncCache<String, Held> cache;

  /**
   * Creates an empty cache.
   *
   * @param source where tokens come from
   * @param clock the clock token expiry is measured on
   * @param refreshMargin how long before expiry a token is replaced
   * @param registry where token requests are counted
   * @param scheduler where waits after a rate-limited token request run
   */
  public TokenCache(
      TokenSource source,
      Clock clock,
      Duration refreshMargin,
      MeterRegistry registry,
      Scheduler scheduler) {
    this.source = requireNonNull(source, "source");
    this.refreshMargin = requireNonNull(refreshMargin, "refreshMargin");
    this.registry = requireNonNull(registry, "registry");
    this.scheduler = requireNonNull(scheduler, "scheduler");
    this.cache = buildCache(requireNonNull(clock, "clock"), refreshMargin);
  }

  /** Returns the cached token of {@code account}, requesting one when none is fresh. */
  public Mono<AccessToken> token(ServiceAccount account) {
    requireNonNull(account, "account");
    CompletableFuture<Held> future =
        cache.get(account.name(), (name, executor) -> fetch(account).toFuture());
    // suppressCancel: one caller giving up must not cancel the request others wait for
    return Mono.fromFuture(future, true).map(Held::token);
  }

  /**
   * Drops {@code token} if it is still the cached token of {@code account}, so the next call
   * fetches a new one; a token another call has already replaced stays.
   */
  public void invalidate(ServiceAccount account, AccessToken token) {
    requireNonNull(account, "account");
    requireNonNull(token, "token");
    CompletableFuture<Held> current = cache.getIfPresent(account.name());
    if (current != null && token.equals(completedToken(current))) {
      cache.asMap().remove(account.name(), current);
    }
  }

  /**
   * Revokes every cached token, ignoring failures, and empties the cache. Note that a token already
   * replaced by a refresh is not revoked: in-flight calls may still use it, and it expires within
   * the refresh margin.
   */
  public Mono<Void> revokeAll() {
    List<Held> held =
        cache.asMap().values().stream()
            .map(TokenCache::completed)
            .filter(Objects::nonNull)
            .toList();
    cache.synchronous().invalidateAll();
    return Flux.fromIterable(held).flatMap(this::revokeQuietly).then();
  }

  private Mono<Held> fetch(ServiceAccount account) {
    return Mono.defer(() -> source.fetch(account))
        .doOnNext(token -> count(account, "success"))
        .doOnError(error -> count(account, outcomeOf(error)))
        .retryWhen(Retry.from(signals -> signals.concatMap(this::waitIfRateLimited)))
        .map(token -> new Held(account, token));
  }

  private Mono<Long> waitIfRateLimited(Retry.RetrySignal signal) {
    Throwable failure = signal.failure();
    if (!(failure instanceof TokenFetchException refused) || !refused.rateLimited()) {
      return Mono.error(failure);
    }
    Duration wait = waitAfter(refused, signal.totalRetries());
    if (signal.totalRetries() >= MAX_RATE_LIMIT_RETRIES
        || wait.compareTo(MAX_RATE_LIMIT_WAIT) > 0) {
      return Mono.error(failure);
    }
    log.debug(
        "credential={} token request rate limited, retrying in {}", refused.credential(), wait);
    return Mono.delay(wait, scheduler);
  }

  private static Duration waitAfter(TokenFetchException refused, long retries) {
    Duration asked = refused.retryAfter();
    return asked != null ? asked : Duration.ofSeconds(1L << Math.min(retries, 6));
  }

  private Mono<Void> revokeQuietly(Held held) {
    return source
        .revoke(held.account(), held.token())
        .onErrorResume(
            error -> {
              log.warn("credential={} token revocation failed", held.account().name());
              return Mono.empty();
            });
  }

  private void count(ServiceAccount account, String outcome) {
    registry.counter(FETCHES_METRIC, "credential", account.name(), "outcome", outcome).increment();
  }

  private static String outcomeOf(Throwable error) {
    return error instanceof TokenFetchException refused && refused.rateLimited()
        ? "rate_limited"
        : "failed";
  }

  private static @Nullable AccessToken completedToken(CompletableFuture<Held> future) {
    Held held = completed(future);
    return held == null ? null : held.token();
  }

  private static @Nullable Held completed(CompletableFuture<Held> future) {
    return future.isDone() && !future.isCompletedExceptionally() ? future.join() : null;
  }

  private static AsyncCache<String, Held> buildCache(Clock clock, Duration margin) {
    return Caffeine.newBuilder()
        .ticker(new ClockTicker(clock))
        .executor(Runnable::run)
        .expireAfter(new UntilRefresh(clock, margin))
        .buildAsync();
  }

  /** A cached token together with the account it belongs to, for revocation at shutdown. */
  private record Held(ServiceAccount account, AccessToken token) {}

  /** Reads Caffeine's time from the injected clock, so that tests can move it. */
  private record ClockTicker(Clock clock, Instant origin) implements Ticker {
    ClockTicker(Clock clock) {
      this(clock, clock.instant());
    }

    @Override
    public long read() {
      return Duration.between(origin, clock.instant()).toNanos();
    }
  }

  /** Expires an entry when its token is due for refresh. */
  private record UntilRefresh(Clock clock, Duration margin) implements Expiry<String, Held> {
    @Override
    public long expireAfterCreate(String key, Held value, long currentTime) {
      Duration left = Duration.between(clock.instant(), value.token().refreshAt(margin));
      return Math.max(0, left.toNanos());
    }

    @Override
    public long expireAfterUpdate(String key, Held value, long currentTime, long currentDuration) {
      return expireAfterCreate(key, value, currentTime);
    }

    @Override
    public long expireAfterRead(String key, Held value, long currentTime, long currentDuration) {
      return currentDuration;
    }
  }
}
