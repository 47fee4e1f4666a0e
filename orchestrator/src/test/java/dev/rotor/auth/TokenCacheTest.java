package dev.rotor.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotor.config.CredentialSpec.ServiceAccount;
import dev.rotor.config.Secret;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

class TokenCacheTest {
  private static final ServiceAccount ACCOUNT =
      new ServiceAccount("ops", "mdb_sa_id_1", Secret.of("sa-secret", "test"));

  private final MutableClock clock = MutableClock.atStart();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @Test
  void twoHundredConcurrentCallersShareOneTokenRequest() throws Exception {
    Sinks.One<AccessToken> pending = Sinks.one();
    FakeSource source = new FakeSource(account -> pending.asMono());
    TokenCache cache = cache(source);
    ExecutorService pool = Executors.newFixedThreadPool(16);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<AccessToken>> callers = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      callers.add(
          pool.submit(
              () -> {
                start.await();
                return cache.token(ACCOUNT).toFuture().get(10, TimeUnit.SECONDS);
              }));
    }

    start.countDown();
    org.awaitility.Awaitility.await().until(() -> source.fetches.get() >= 1);
    pending.tryEmitValue(token("t1", Duration.ofHours(1)));

    for (Future<AccessToken> caller : callers) {
      assertThat(caller.get(10, TimeUnit.SECONDS).value()).isEqualTo("t1");
    }
    pool.shutdownNow();
    assertThat(source.fetches).hasValue(1);
  }

  @Test
  void tokenIsRefreshedAheadOfExpiry() {
    AtomicInteger issued = new AtomicInteger();
    FakeSource source =
        new FakeSource(
            a ->
                Mono.fromSupplier(
                    () -> token("t" + issued.incrementAndGet(), Duration.ofHours(1))));
    TokenCache cache = cache(source);

    assertThat(cache.token(ACCOUNT).block().value()).isEqualTo("t1");
    clock.advance(Duration.ofMinutes(54));
    assertThat(cache.token(ACCOUNT).block().value()).isEqualTo("t1");
    clock.advance(Duration.ofMinutes(1));
    assertThat(cache.token(ACCOUNT).block().value()).isEqualTo("t2");
    assertThat(source.fetches).hasValue(2);
  }

  @Test
  void invalidateDropsOnlyTheCurrentToken() {
    AtomicInteger issued = new AtomicInteger();
    FakeSource source =
        new FakeSource(
            a ->
                Mono.fromSupplier(
                    () -> token("t" + issued.incrementAndGet(), Duration.ofHours(1))));
    TokenCache cache = cache(source);
    AccessToken first = cache.token(ACCOUNT).block();

    cache.invalidate(ACCOUNT, first);
    AccessToken second = cache.token(ACCOUNT).block();
    cache.invalidate(ACCOUNT, first);

    assertThat(second.value()).isEqualTo("t2");
    assertThat(cache.token(ACCOUNT).block().value()).isEqualTo("t2");
  }

  @Test
  void rateLimitedFetchWaitsRetryAfterThenSucceeds() {
    VirtualTimeScheduler time = VirtualTimeScheduler.create();
    AtomicInteger calls = new AtomicInteger();
    FakeSource source =
        new FakeSource(
            a ->
                calls.incrementAndGet() == 1
                    ? Mono.error(
                        new TokenFetchException(
                            "ops", 429, "RATE_LIMITED", "slow down", Duration.ofSeconds(30)))
                    : Mono.just(token("t1", Duration.ofHours(1))));
    TokenCache cache = new TokenCache(source, clock, Duration.ofMinutes(5), registry, time);

    StepVerifier.withVirtualTime(() -> cache.token(ACCOUNT), () -> time, Long.MAX_VALUE)
        .expectSubscription()
        .expectNoEvent(Duration.ofSeconds(29))
        .thenAwait(Duration.ofSeconds(1))
        .assertNext(token -> assertThat(token.value()).isEqualTo("t1"))
        .verifyComplete();
    assertThat(calls).hasValue(2);
    assertThat(
            registry
                .counter(TokenCache.FETCHES_METRIC, "credential", "ops", "outcome", "rate_limited")
                .count())
        .isEqualTo(1);
  }

  @Test
  void rateLimitRetriesAreBounded() {
    VirtualTimeScheduler time = VirtualTimeScheduler.create();
    FakeSource source =
        new FakeSource(
            a ->
                Mono.error(
                    new TokenFetchException(
                        "ops", 429, "RATE_LIMITED", "slow down", Duration.ofSeconds(1))));
    TokenCache cache = new TokenCache(source, clock, Duration.ofMinutes(5), registry, time);

    StepVerifier.withVirtualTime(() -> cache.token(ACCOUNT), () -> time, Long.MAX_VALUE)
        .thenAwait(Duration.ofMinutes(1))
        .expectError(TokenFetchException.class)
        .verify();
    assertThat(source.fetches).hasValue(TokenCache.MAX_RATE_LIMIT_RETRIES + 1);
  }

  @Test
  void failedFetchIsNotCached() {
    AtomicInteger calls = new AtomicInteger();
    FakeSource source =
        new FakeSource(
            a ->
                calls.incrementAndGet() == 1
                    ? Mono.error(new TokenFetchException("ops", 401, "invalid_client", "no", null))
                    : Mono.just(token("t1", Duration.ofHours(1))));
    TokenCache cache = cache(source);

    StepVerifier.create(cache.token(ACCOUNT)).expectError(TokenFetchException.class).verify();
    assertThat(cache.token(ACCOUNT).block().value()).isEqualTo("t1");
  }

  @Test
  void revokeAllRevokesEveryCachedToken() {
    FakeSource source = new FakeSource(a -> Mono.just(token("t1", Duration.ofHours(1))));
    TokenCache cache = cache(source);
    cache.token(ACCOUNT).block();

    cache.revokeAll().block();

    assertThat(source.revoked).extracting(AccessToken::value).containsExactly("t1");
    cache.token(ACCOUNT).block();
    assertThat(source.fetches).hasValue(2);
  }

  private TokenCache cache(TokenSource source) {
    return new TokenCache(source, clock, Duration.ofMinutes(5), registry, Schedulers.parallel());
  }

  private AccessToken token(String value, Duration lifetime) {
    return new AccessToken(value, clock.instant(), clock.instant().plus(lifetime));
  }

  /** A token source answering with a function, counting fetches and recording revocations. */
  private static final class FakeSource implements TokenSource {
    final AtomicInteger fetches = new AtomicInteger();
    final Queue<AccessToken> revoked = new ConcurrentLinkedQueue<>();
    private final java.util.function.Function<ServiceAccount, Mono<AccessToken>> answer;

    FakeSource(java.util.function.Function<ServiceAccount, Mono<AccessToken>> answer) {
      this.answer = answer;
    }

    @Override
    public Mono<AccessToken> fetch(ServiceAccount account) {
      return Mono.defer(
          () -> {
            fetches.incrementAndGet();
            return answer.apply(account);
          });
    }

    @Override
    public Mono<Void> revoke(ServiceAccount account, AccessToken token) {
      revoked.add(token);
      return Mono.empty();
    }
  }
}
