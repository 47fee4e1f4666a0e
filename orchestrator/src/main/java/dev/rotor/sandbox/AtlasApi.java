package dev.rotor.sandbox;

import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Runs every Atlas Administration API request through the same steps: route, authenticate, check
 * the versioned media type, take a token from the organization's bucket, wait the injected latency,
 * then let {@link AtlasResources} answer.
 */
final class AtlasApi {

  private static final String PREFIX = "/api/atlas/v2";
  private static final String HEX = "([^/]+)";
  private static final Pattern MEDIA_TYPE =
      Pattern.compile("application/vnd\\.atlas\\.(\\d{4}-\\d{2}-\\d{2})\\+json");

  private final AtlasResources resources;
  private final OAuthTokens tokens;
  private final DigestAuthenticator digest;
  private final FaultInjector faults;
  private final RateLimiter revokeLimiter;
  private final RateLimiter readLimiter;

  AtlasApi(
      AtlasResources resources,
      OAuthTokens tokens,
      DigestAuthenticator digest,
      FaultInjector faults,
      RateLimiter revokeLimiter,
      RateLimiter readLimiter) {
    this.resources = resources;
    this.tokens = tokens;
    this.digest = digest;
    this.faults = faults;
    this.revokeLimiter = revokeLimiter;
    this.readLimiter = readLimiter;
  }

  /** Names the endpoints served, with their method, path and version date. */
  enum Endpoint {
    REVOKE_JWKS(
        "DELETE",
        "/federationSettings/" + HEX + "/identityProviders/" + HEX + "/jwks",
        "2023-11-15"),
    LIST_IDENTITY_PROVIDERS(
        "GET", "/federationSettings/" + HEX + "/identityProviders", "2023-01-01"),
    GET_IDENTITY_PROVIDER(
        "GET", "/federationSettings/" + HEX + "/identityProviders/" + HEX, "2023-11-15"),
    LIST_CONNECTED_ORG_CONFIGS(
        "GET", "/federationSettings/" + HEX + "/connectedOrgConfigs", "2023-01-01"),
    GET_ORG_FEDERATION_SETTINGS("GET", "/orgs/" + HEX + "/federationSettings", "2023-01-01"),
    LIST_ORG_EVENTS("GET", "/orgs/" + HEX + "/events", "2023-01-01"),
    LIST_RATE_LIMITS("GET", "/rateLimits", "2025-03-12");

    final String method;
    final Pattern pattern;
    final String template;
    final LocalDate version;

    Endpoint(String method, String path, String version) {
      this.method = method;
      this.pattern = Pattern.compile(Pattern.quote(PREFIX) + path);
      this.template = PREFIX + path.replace(HEX, "{}");
      this.version = LocalDate.parse(version);
    }

    String mediaType() {
      return "application/vnd.atlas." + version + "+json";
    }
  }

  /** Holds a matched endpoint and its path variables. */
  record Route(Endpoint endpoint, Matcher matcher) {
    String variable(int index) {
      return matcher.group(index);
    }
  }

  /** Answers one Atlas request; errors become Atlas error replies. */
  Mono<Reply> handle(AtlasRequest request) {
    try {
      Route route = route(request);
      Caller caller = authenticate(request);
      requireAcceptable(request, route.endpoint());
      RateLimiter limiter = limiterFor(route.endpoint());
      ConsumptionProbe probe = takeToken(limiter, route.endpoint(), caller);
      return afterLatency(() -> resources.answer(route, request, caller))
          .map(reply -> withRateHeaders(reply, limiter, probe))
          .onErrorResume(
              ApiFailure.class, f -> Mono.just(withRateHeaders(f.reply(), limiter, probe)));
    } catch (ApiFailure failure) {
      return Mono.just(failure.reply());
    }
  }

  private Route route(AtlasRequest request) {
    boolean pathMatched = false;
    for (Endpoint endpoint : Endpoint.values()) {
      Matcher matcher = endpoint.pattern.matcher(request.path());
      if (matcher.matches()) {
        if (endpoint.method.equals(request.method())) {
          return new Route(endpoint, matcher);
        }
        pathMatched = true;
      }
    }
    if (pathMatched) {
      throw ApiFailure.atlas(
          405, "METHOD_NOT_ALLOWED", "Method " + request.method() + " is not allowed here.");
    }
    throw ApiFailure.atlas(
        404, "RESOURCE_NOT_FOUND", "Cannot find resource " + request.path() + ".", request.path());
  }

  private Caller authenticate(AtlasRequest request) {
    String authorization = request.authorization();
    if (authorization == null || authorization.isBlank()) {
      throw digest.unauthorized("You are not authorized for this resource.", false);
    }
    String scheme = authorization.split(" ", 2)[0].toLowerCase(Locale.ROOT);
    if (scheme.equals("bearer")) {
      try {
        return tokens.authenticate(authorization.substring("Bearer".length()).trim());
      } catch (ApiFailure failure) {
        throw failure.withHeader("WWW-Authenticate", digest.challenge(false));
      }
    }
    if (scheme.equals("digest")) {
      return digest.authenticate(request.method(), authorization);
    }
    throw digest.unauthorized("Unsupported authorization scheme " + scheme + ".", false);
  }

  private static void requireAcceptable(AtlasRequest request, Endpoint endpoint) {
    LocalDate requested = requestedVersion(request.accept());
    if (requested == null) {
      throw ApiFailure.atlas(
          406,
          "NOT_ACCEPTABLE",
          "Invalid accept header or version date. Send Accept: " + endpoint.mediaType() + ".",
          String.valueOf(request.accept()));
    }
    if (requested.isBefore(endpoint.version)) {
      throw ApiFailure.atlas(
          406,
          "INVALID_VERSION_DATE",
          "The API version "
              + requested
              + " is older than the oldest version "
              + endpoint.version
              + " of this resource.",
          requested.toString());
    }
  }

  private static @Nullable LocalDate requestedVersion(@Nullable String accept) {
    if (accept == null) {
      return null;
    }
    for (String part : accept.split(",")) {
      Matcher m = MEDIA_TYPE.matcher(part.split(";", 2)[0].trim());
      if (m.matches()) {
        try {
          return LocalDate.parse(m.group(1));
        } catch (DateTimeParseException e) {
          return null;
        }
      }
    }
    return null;
  }

  private RateLimiter limiterFor(Endpoint endpoint) {
    return endpoint == Endpoint.REVOKE_JWKS ? revokeLimiter : readLimiter;
  }

  private static ConsumptionProbe takeToken(RateLimiter limiter, Endpoint endpoint, Caller caller) {
    String endpointSet = RateLimitSets.setIdOf(endpoint);
    ConsumptionProbe probe = limiter.take(endpointSet + "/" + caller.orgId());
    if (probe.isConsumed()) {
      return probe;
    }
    long seconds = RateLimiter.retryAfterSeconds(probe);
    BucketLimit limit = limiter.limit();
    throw ApiFailure.atlas(
            429,
            "RATE_LIMITED_TOKEN_BUCKET",
            "Rate limit exceeded for endpoint set "
                + endpointSet
                + " in organization "
                + caller.orgId()
                + ". Please retry after "
                + seconds
                + " seconds. Request capacity: "
                + limit.capacity()
                + ". Refill rate: "
                + limit.refill()
                + " per "
                + limit.period().toSeconds()
                + " seconds.")
        .withHeader("Retry-After", Long.toString(seconds))
        .withHeader("RateLimit-Limit", Long.toString(limit.capacity()))
        .withHeader("RateLimit-Remaining", "0");
  }

  private Mono<Reply> afterLatency(Supplier<Reply> answer) {
    Duration delay = faults.delay();
    Mono<Reply> reply = Mono.fromSupplier(answer);
    return delay.isZero() ? reply : Mono.delay(delay).then(reply);
  }

  private static Reply withRateHeaders(Reply reply, RateLimiter limiter, ConsumptionProbe probe) {
    if (reply.kind() != Reply.Kind.SEND) {
      return reply;
    }
    return reply
        .withHeader("RateLimit-Limit", Long.toString(limiter.limit().capacity()))
        .withHeader("RateLimit-Remaining", Long.toString(probe.getRemainingTokens()));
  }
}
