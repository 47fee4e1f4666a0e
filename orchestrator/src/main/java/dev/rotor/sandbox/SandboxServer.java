package dev.rotor.sandbox;

import static java.util.Objects.requireNonNull;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Runs an HTTP server that behaves like the parts of the Atlas Administration API Rotor uses: the
 * JWKS revoke call, identity provider discovery, organization events and rate limits, the OAuth
 * token endpoint and HTTP Digest for API keys. A control API under {@code /__sandbox/} exposes what
 * happened and sets faults.
 *
 * <p>Start one with {@link #start}, close it with {@link #close}. All state lives in memory.
 */
public final class SandboxServer implements AutoCloseable {

  private static final String OAUTH_TOKEN = "/api/oauth/token";
  private static final String OAUTH_REVOKE = "/api/oauth/revoke";

  private final SandboxSettings settings;
  private final SandboxState state;
  private final OAuthTokens tokens;
  private final FaultInjector faults;
  private final AtlasApi atlas;
  private final ControlApi control;
  private @Nullable DisposableServer server;

  private SandboxServer(SandboxSettings settings) {
    this.settings = settings;
    this.state = new SandboxState(settings.fleet(), settings.clock());
    this.tokens = new OAuthTokens(settings);
    this.faults = new FaultInjector(settings.faults(), settings.faultSeed());
    this.atlas = newAtlasApi(settings);
    this.control = new ControlApi(state, tokens, faults);
  }

  /**
   * Binds a server on the settings' host and port (0 picks a free port) and returns it.
   *
   * @throws RuntimeException if the address cannot be bound
   */
  public static SandboxServer start(SandboxSettings settings) {
    requireNonNull(settings, "settings");
    SandboxServer sandbox = new SandboxServer(settings);
    sandbox.server =
        HttpServer.create()
            .host(settings.host())
            .port(settings.port())
            .handle(sandbox::handle)
            .bindNow();
    return sandbox;
  }

  /** Returns the URL the server answers on, such as {@code http://127.0.0.1:8089}. */
  public String baseUrl() {
    return "http://" + hostForUrl() + ":" + port();
  }

  /** Returns the bound port. */
  public int port() {
    return bound().port();
  }

  /** Returns the fleet served. */
  public Fleet fleet() {
    return state.fleet();
  }

  /** Returns the settings the server was started with. */
  public SandboxSettings settings() {
    return settings;
  }

  /** Returns the faults injected now. */
  public Faults faults() {
    return faults.faults();
  }

  /** Replaces the faults injected from the next request on. */
  public void setFaults(Faults faults) {
    this.faults.setFaults(requireNonNull(faults, "faults"));
  }

  /** Returns the revocations applied so far, oldest first. */
  public List<Revocation> revocations() {
    return state.revocations();
  }

  /** Returns the number of access tokens granted so far, per service account client id. */
  public Map<String, Integer> tokenGrants() {
    return tokens.grantCounts();
  }

  /** Returns a {@link Mono} that completes when the server has stopped. */
  public Mono<Void> onDispose() {
    return bound().onDispose();
  }

  /** Stops the server, waiting for it to release the port. */
  @Override
  public void close() {
    DisposableServer current = server;
    if (current != null && !current.isDisposed()) {
      current.disposeNow();
    }
  }

  private Mono<Void> handle(HttpServerRequest request, HttpServerResponse response) {
    QueryStringDecoder uri = new QueryStringDecoder(request.uri());
    String path = uri.path();
    String method = request.method().name();
    if (path.startsWith(ControlApi.PREFIX)) {
      return body(request)
          .map(body -> control.handle(method, path, body))
          .flatMap(reply -> write(response, reply));
    }
    if (path.equals(OAUTH_TOKEN) || path.equals(OAUTH_REVOKE)) {
      return body(request)
          .map(b -> oauth(method, path, request, b))
          .flatMap(r -> write(response, r));
    }
    return atlas.handle(atlasRequest(request, uri)).flatMap(reply -> write(response, reply));
  }

  private Reply oauth(String method, String path, HttpServerRequest request, String body) {
    if (!method.equals("POST")) {
      return ApiFailure.atlas(405, "METHOD_NOT_ALLOWED", "Use POST for " + path + ".").reply();
    }
    String authorization = request.requestHeaders().get(HttpHeaderNames.AUTHORIZATION);
    try {
      return path.equals(OAUTH_TOKEN)
          ? tokens.token(authorization, body)
          : tokens.revoke(authorization, body);
    } catch (ApiFailure failure) {
      return failure.reply();
    }
  }

  private static AtlasRequest atlasRequest(HttpServerRequest request, QueryStringDecoder uri) {
    String host = request.requestHeaders().get(HttpHeaderNames.HOST, "127.0.0.1");
    return new AtlasRequest(
        request.method().name(),
        uri.path(),
        uri.parameters(),
        request.requestHeaders().get(HttpHeaderNames.AUTHORIZATION),
        request.requestHeaders().get(HttpHeaderNames.ACCEPT),
        "http://" + host);
  }

  private static Mono<String> body(HttpServerRequest request) {
    return request.receive().aggregate().asString().defaultIfEmpty("");
  }

  private static Mono<Void> write(HttpServerResponse response, Reply reply) {
    switch (reply.kind()) {
      case DROP -> {
        response.withConnection(connection -> connection.channel().close());
        return Mono.never();
      }
      case HANG -> {
        return Mono.never();
      }
      default -> {}
    }
    response.status(reply.status());
    reply.headers().forEach(h -> response.addHeader(h.name(), h.value()));
    byte[] body = reply.body();
    if (body == null) {
      return response.send();
    }
    response.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.length));
    return response.sendByteArray(Mono.just(body)).then();
  }

  private AtlasApi newAtlasApi(SandboxSettings settings) {
    AtlasResources resources =
        new AtlasResources(state, faults, settings.revokeLimit(), settings.readLimit());
    DigestAuthenticator digest =
        new DigestAuthenticator(settings.fleet(), settings.clock(), settings.nonceLifetime());
    return new AtlasApi(
        resources,
        tokens,
        digest,
        faults,
        new RateLimiter(settings.revokeLimit(), settings.clock()),
        new RateLimiter(settings.readLimit(), settings.clock()));
  }

  private DisposableServer bound() {
    DisposableServer current = server;
    if (current == null) {
      throw new IllegalStateException("The sandbox server is not started");
    }
    return current;
  }

  private String hostForUrl() {
    String host = settings.host();
    if (host.equals("0.0.0.0") || host.equals("::")) {
      return "127.0.0.1";
    }
    return host.contains(":") ? "[" + host + "]" : host;
  }
}
