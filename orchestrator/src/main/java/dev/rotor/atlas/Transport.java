package dev.rotor.atlas;

import dev.rotor.config.AtlasSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.timeout.ReadTimeoutException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;
import reactor.netty.http.client.PrematureCloseException;
import reactor.netty.resources.ConnectionProvider;

/**
 * Sends one HTTP request to Atlas over the single connection pool and turns whatever happens into
 * an {@link Exchange}; it never signals an error.
 *
 * <p>Whether the request can have reached Atlas is tracked per subscription with Reactor Netty's
 * {@code doOnRequest} hook, which fires just before the request is written: a failure before it
 * (refused connection, connect timeout, no pooled connection) certainly had no effect, one after it
 * may have.
 */
final class Transport {
  static final String METRIC = "rotor.atlas.requests";
  private static final Logger log = LoggerFactory.getLogger(Transport.class);
  private static final byte[] EMPTY = new byte[0];

  private final ConnectionProvider pool;
  private final HttpClient http;
  private final String origin;
  private final String basePath;
  private final String userAgent;
  private final AtlasSettings settings;
  private final Clock clock;
  private final MeterRegistry registry;

  Transport(AtlasSettings settings, Clock clock, MeterRegistry registry, String userAgent) {
    this.settings = settings;
    this.clock = clock;
    this.registry = registry;
    this.userAgent = userAgent;
    URI base = settings.baseUrl();
    this.origin = base.getScheme() + "://" + base.getRawAuthority();
    this.basePath = stripTrailingSlash(base.getRawPath() == null ? "" : base.getRawPath());
    this.pool = pool(settings);
    this.http = httpClient(pool, settings);
  }

  /** Returns the path prefix of the base URL, to be put in front of every request target. */
  String basePath() {
    return basePath;
  }

  /** Sends {@code request} with the given {@code Authorization} value (none when null). */
  Mono<Exchange> send(AtlasRequest request, @Nullable String authorization) {
    return Mono.defer(() -> exchange(request, authorization, System.nanoTime()));
  }

  /** Closes the connection pool. */
  Mono<Void> dispose() {
    return pool.disposeLater();
  }

  private Mono<Exchange> exchange(AtlasRequest request, @Nullable String auth, long start) {
    AtomicBoolean sent = new AtomicBoolean();
    HttpClient.RequestSender sender =
        http.doOnRequest((req, connection) -> sent.set(true))
            .headers(headers -> setHeaders(headers, request, auth))
            .request(request.method())
            .uri(origin + request.target());
    HttpClient.ResponseReceiver<?> receiver =
        request.form() == null
            ? sender
            : sender.send(ByteBufFlux.fromString(Mono.just(request.form())));
    return receiver
        .responseSingle(
            (response, body) ->
                body.asByteArray()
                    .defaultIfEmpty(EMPTY)
                    .map(bytes -> answered(response, bytes, start)))
        .onErrorResume(error -> Mono.just(failed(error, sent.get(), start)))
        .doOnNext(exchange -> record(request, exchange, start));
  }

  private void setHeaders(HttpHeaders headers, AtlasRequest request, @Nullable String auth) {
    headers.set(HttpHeaderNames.ACCEPT, request.endpoint().accept(settings.versions()));
    headers.set(HttpHeaderNames.USER_AGENT, userAgent);
    if (auth != null) {
      headers.set(HttpHeaderNames.AUTHORIZATION, auth);
    }
    String form = request.form();
    if (form != null) {
      // A form is small and known in full: send its length rather than chunks, which some token
      // endpoints and proxies refuse.
      headers.set(HttpHeaderNames.CONTENT_TYPE, "application/x-www-form-urlencoded");
      headers.setInt(HttpHeaderNames.CONTENT_LENGTH, form.getBytes(StandardCharsets.UTF_8).length);
    }
  }

  private Exchange answered(HttpClientResponse response, byte[] body, long start) {
    ResponseMeta meta = ResponseHeaders.meta(response.responseHeaders(), clock, since(start));
    return new Exchange.Answered(response.status().code(), response.responseHeaders(), body, meta);
  }

  private Exchange failed(Throwable error, boolean sent, long start) {
    ResponseMeta meta = ResponseMeta.none(since(start));
    FailureKind kind = sent ? kindAfterSending(error) : FailureKind.CONNECT_FAILED;
    String detail = (sent ? "" : "request not sent: ") + describe(error);
    return new Exchange.Failed(new AtlasResult.Failure<>(kind, 0, null, detail, null, sent, meta));
  }

  private static FailureKind kindAfterSending(Throwable error) {
    if (error instanceof ReadTimeoutException || error instanceof TimeoutException) {
      return FailureKind.TIMEOUT;
    }
    if (error instanceof DecoderException) {
      return FailureKind.MALFORMED_RESPONSE;
    }
    return FailureKind.CONNECTION_CLOSED;
  }

  private String describe(Throwable error) {
    if (error instanceof ReadTimeoutException || error instanceof TimeoutException) {
      return "no response within " + settings.responseTimeout().toMillis() + " ms";
    }
    if (error instanceof ConnectTimeoutException) {
      return "connect timed out after " + settings.connectTimeout().toMillis() + " ms";
    }
    if (error instanceof ConnectException || error instanceof UnknownHostException) {
      return "cannot connect: " + error.getMessage();
    }
    if (error instanceof PrematureCloseException) {
      return "connection closed: " + error.getMessage();
    }
    return error.getClass().getSimpleName() + ": " + error.getMessage();
  }

  private void record(AtlasRequest request, Exchange exchange, long start) {
    long nanos = System.nanoTime() - start;
    String status =
        exchange instanceof Exchange.Answered answered
            ? Integer.toString(answered.status())
            : "none";
    Timer.builder(METRIC)
        .tag("endpoint", request.endpoint().metricName())
        .tag("status", status)
        .publishPercentileHistogram()
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
    log.debug(
        "{} endpoint={} status={} elapsedMs={}",
        request.ids(),
        request.endpoint().metricName(),
        status,
        TimeUnit.NANOSECONDS.toMillis(nanos));
  }

  private static Duration since(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }

  private static ConnectionProvider pool(AtlasSettings settings) {
    return ConnectionProvider.builder("rotor-atlas")
        .maxConnections(settings.maxConnections())
        .pendingAcquireMaxCount(-1)
        .pendingAcquireTimeout(settings.connectTimeout().plus(settings.responseTimeout()))
        .maxIdleTime(Duration.ofSeconds(20))
        .evictInBackground(Duration.ofSeconds(30))
        .build();
  }

  private static HttpClient httpClient(ConnectionProvider pool, AtlasSettings settings) {
    // Retry disabled: Reactor Netty's silent retry could repeat a revoke that reached Atlas.
    return HttpClient.create(pool)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.connectTimeout().toMillis())
        .responseTimeout(settings.responseTimeout())
        .followRedirect(false)
        .disableRetry(true);
  }

  private static String stripTrailingSlash(String path) {
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }
}
