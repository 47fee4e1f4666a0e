package dev.rotor.schedule;

import dev.rotor.config.Secret;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serves the ops endpoints: health, Prometheus metrics, plans, runs and run reports. Every read of
 * the journal or Quartz runs on the bounded-elastic scheduler, never on the event loop. When a
 * bearer token is configured, every endpoint but {@code /health/*} requires it, so that a load
 * balancer can probe without it.
 */
final class OpsServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OpsServer.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
  private static final ExecutorService READERS =
      Executors.newFixedThreadPool(
          2,
          r -> {
            Thread thread = new Thread(r, "rotor-ops");
            thread.setDaemon(true);
            return thread;
          });
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final DisposableServer server;

  private OpsServer(DisposableServer server) {
    this.server = server;
  }

  /** Binds the endpoints to {@code host:port} and returns once they listen. */
  static OpsServer start(String host, int port, @Nullable Secret token, OpsData data) {
    DisposableServer server =
        HttpServer.create()
            .host(host)
            .port(port)
            .route(
                routes ->
                    routes
                        .get("/health/live", (req, res) -> json(res, 200, Map.of("status", "UP")))
                        .get("/health/ready", (req, res) -> ready(res, data))
                        .get(
                            "/metrics", guarded(token, (req, res) -> metrics(res, data.registry())))
                        .get("/plans", guarded(token, (req, res) -> blocking(res, data::plans)))
                        .get("/runs", guarded(token, (req, res) -> blocking(res, data::runs)))
                        .get("/runs/{id}", guarded(token, (req, res) -> run(req, res, data)))
                        .get(
                            "/runs/{id}/{file}",
                            guarded(token, (req, res) -> report(req, res, data))))
            .bindNow(Duration.ofSeconds(10));
    log.info("ops endpoints listening on {}:{}", host, server.port());
    return new OpsServer(server);
  }

  /** Returns the port the endpoints listen on. */
  int port() {
    return server.port();
  }

  private interface Handler {
    Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response);
  }

  private static java.util.function.BiFunction<
          HttpServerRequest, HttpServerResponse, Publisher<Void>>
      guarded(@Nullable Secret token, Handler handler) {
    return (req, res) ->
        authorized(token, req.requestHeaders().get("Authorization"))
            ? handler.handle(req, res)
            : res.status(401)
                .header("WWW-Authenticate", "Bearer realm=\"rotor\"")
                .sendString(Mono.just("bearer token required\n"))
                .then();
  }

  static boolean authorized(@Nullable Secret token, @Nullable String header) {
    if (token == null) {
      return true;
    }
    if (header == null || !header.startsWith("Bearer ")) {
      return false;
    }
    byte[] given = header.substring("Bearer ".length()).strip().getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(given, token.reveal().getBytes(StandardCharsets.UTF_8));
  }

  private static Publisher<Void> ready(HttpServerResponse res, OpsData data) {
    return offEventLoop(data::readiness).flatMap(r -> json(res, r.ready() ? 200 : 503, r));
  }

  private static Publisher<Void> metrics(HttpServerResponse res, PrometheusMeterRegistry registry) {
    return offEventLoop(registry::scrape)
        .flatMap(
            text ->
                res.status(200)
                    .header("Content-Type", PROMETHEUS_TEXT)
                    .sendString(Mono.just(text))
                    .then());
  }

  private static Publisher<Void> run(HttpServerRequest req, HttpServerResponse res, OpsData data) {
    String id = req.param("id");
    if (id == null || !RUN_ID.matcher(id).matches()) {
      return json(res, 404, Map.of("error", "no such run"));
    }
    return offEventLoop(() -> data.run(id))
        .flatMap(
            run ->
                run.isPresent()
                    ? json(res, 200, run.get())
                    : json(res, 404, Map.of("error", "no run " + id)));
  }

  private static Publisher<Void> report(
      HttpServerRequest req, HttpServerResponse res, OpsData data) {
    String id = req.param("id");
    if (!"report.html".equals(req.param("file")) || id == null || !RUN_ID.matcher(id).matches()) {
      return json(res, 404, Map.of("error", "not found"));
    }
    return offEventLoop(() -> data.reportFile(id).filter(Files::isRegularFile))
        .flatMap(
            file ->
                file.isPresent()
                    ? res.status(200)
                        .header("Content-Type", "text/html; charset=utf-8")
                        .sendFile(file.get())
                        .then()
                    : json(res, 404, Map.of("error", "no report for run " + id)));
  }

  private static Mono<Void> blocking(HttpServerResponse res, Callable<Object> read) {
    return offEventLoop(read)
        .flatMap(body -> json(res, 200, body))
        .onErrorResume(e -> json(res, 500, Map.of("error", String.valueOf(e.getMessage()))));
  }

  /**
   * Runs a blocking read on the ops threads. A cancelled request never interrupts the read: an
   * interrupt during file I/O closes an embedded H2 database for the whole process.
   */
  private static <T> Mono<T> offEventLoop(Callable<T> read) {
    return Mono.fromFuture(() -> CompletableFuture.supplyAsync(() -> call(read), READERS), true);
  }

  private static <T> T call(Callable<T> read) {
    try {
      return read.call();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  private static Mono<Void> json(HttpServerResponse res, int status, Object body) {
    byte[] bytes = JSON.writeValueAsBytes(body);
    return res.status(HttpResponseStatus.valueOf(status))
        .header("Content-Type", "application/json")
        .sendByteArray(Mono.just(bytes))
        .then();
  }

  @Override
  public void close() {
    server.disposeNow(Duration.ofSeconds(5));
  }

  /** What the endpoints show, read on a worker thread. */
  interface OpsData {
    PrometheusMeterRegistry registry();

    Optional<Path> reportFile(String runId);

    Readiness readiness();

    Object plans() throws Exception;

    Object runs();

    Optional<Object> run(String runId);
  }

  /** Whether the daemon can do its work: its database answers and its scheduler runs. */
  record Readiness(boolean database, boolean scheduler) {
    /** Returns whether both hold. */
    public boolean ready() {
      return database && scheduler;
    }
  }
}
