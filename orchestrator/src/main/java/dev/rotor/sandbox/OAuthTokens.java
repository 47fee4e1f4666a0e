package dev.rotor.sandbox;

import dev.rotor.sandbox.Fleet.ServiceAccount;
import io.github.bucket4j.ConsumptionProbe;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Serves the OAuth 2.0 token and revoke endpoints for service accounts and checks bearer tokens.
 *
 * <p>Each client may hold at most a configured number of live tokens and call the token endpoint at
 * a configured rate, as Atlas limits both.
 */
final class OAuthTokens {

  private static final String BASIC = "Basic ";

  private final Map<String, ServiceAccount> accounts = new ConcurrentHashMap<>();
  private final Map<String, Grant> byToken = new ConcurrentHashMap<>();
  private final Map<String, Deque<Grant>> liveByClient = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> grantCounts = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final Clock clock;
  private final Duration lifetime;
  private final int liveLimit;
  private final RateLimiter limiter;

  OAuthTokens(SandboxSettings settings) {
    settings.fleet().serviceAccounts().forEach(a -> accounts.put(a.clientId(), a));
    this.clock = settings.clock();
    this.lifetime = settings.tokenLifetime();
    this.liveLimit = settings.liveTokenLimit();
    this.limiter = new RateLimiter(settings.tokenEndpointLimit(), clock);
  }

  /** Holds one issued access token. */
  private record Grant(String token, ServiceAccount account, Instant expiresAt) {}

  /** Returns the caller owning a live bearer token, or fails with 401. */
  Caller authenticate(String token) {
    Grant grant = byToken.get(token);
    if (grant == null) {
      throw unauthorized("The access token is unknown or was revoked.");
    }
    if (!clock.instant().isBefore(grant.expiresAt())) {
      forget(grant);
      throw unauthorized("The access token expired.");
    }
    return new Caller(grant.account().clientId(), grant.account().orgId(), false);
  }

  /** Returns the number of tokens granted so far, per client id. */
  Map<String, Integer> grantCounts() {
    Map<String, Integer> counts = new TreeMap<>();
    grantCounts.forEach((client, count) -> counts.put(client, count.get()));
    return counts;
  }

  /** Answers {@code POST /api/oauth/token}. */
  Reply token(@Nullable String authorization, String form) {
    ServiceAccount account = requireClient(authorization);
    Map<String, List<String>> params = new QueryStringDecoder(form, false).parameters();
    if (!List.of("client_credentials").equals(params.get("grant_type"))) {
      return oauthError(400, "unsupported_grant_type", "Only client_credentials is supported.");
    }
    requireTokenRate(account);
    Grant grant = issue(account);
    if (grant == null) {
      return oauthError(403, "access_denied", "Access Token limit reached");
    }
    return tokenReply(grant);
  }

  /** Answers {@code POST /api/oauth/revoke}: forgets the token if the client owns it. */
  Reply revoke(@Nullable String authorization, String form) {
    ServiceAccount account = requireClient(authorization);
    List<String> tokens = new QueryStringDecoder(form, false).parameters().get("token");
    if (tokens != null && !tokens.isEmpty()) {
      Grant grant = byToken.get(tokens.get(0));
      if (grant != null && grant.account().clientId().equals(account.clientId())) {
        forget(grant);
      }
    }
    return Reply.empty(200);
  }

  private ServiceAccount requireClient(@Nullable String authorization) {
    String[] pair = decodeBasic(authorization);
    ServiceAccount account = pair == null ? null : accounts.get(pair[0]);
    if (account == null || !constantTimeEquals(account.clientSecret(), pair[1])) {
      throw new ApiFailure(
          oauthError(401, "invalid_client", "Invalid client credentials.")
              .withHeader("WWW-Authenticate", "Basic realm=\"oauth\""));
    }
    return account;
  }

  private void requireTokenRate(ServiceAccount account) {
    ConsumptionProbe probe = limiter.take(account.clientId());
    if (!probe.isConsumed()) {
      long seconds = RateLimiter.retryAfterSeconds(probe);
      throw ApiFailure.atlas(
              429,
              "RATE_LIMITED",
              "Rate limit exceeded for the token endpoint and client "
                  + account.clientId()
                  + ". Please retry after "
                  + seconds
                  + " seconds.")
          .withHeader("Retry-After", Long.toString(seconds));
    }
  }

  private @Nullable Grant issue(ServiceAccount account) {
    Instant now = clock.instant();
    Deque<Grant> live = liveByClient.computeIfAbsent(account.clientId(), c -> new ArrayDeque<>());
    synchronized (live) {
      live.removeIf(g -> !now.isBefore(g.expiresAt()) || !byToken.containsKey(g.token()));
      if (live.size() >= liveLimit) {
        return null;
      }
      Grant grant = new Grant(newToken(), account, now.plus(lifetime));
      live.add(grant);
      byToken.put(grant.token(), grant);
      grantCounts.computeIfAbsent(account.clientId(), c -> new AtomicInteger()).incrementAndGet();
      return grant;
    }
  }

  private void forget(Grant grant) {
    byToken.remove(grant.token());
    Deque<Grant> live = liveByClient.get(grant.account().clientId());
    if (live != null) {
      synchronized (live) {
        live.remove(grant);
      }
    }
  }

  private String newToken() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return "sbx_at_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private Reply tokenReply(Grant grant) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("access_token", grant.token());
    body.put("token_type", "Bearer");
    body.put("expires_in", lifetime.toSeconds());
    return Reply.json(200, body).withHeader("Cache-Control", "no-store");
  }

  private static Reply oauthError(int status, String error, String description) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", error);
    body.put("error_description", description);
    return Reply.json(status, body);
  }

  private static ApiFailure unauthorized(String detail) {
    return ApiFailure.atlas(401, "USER_UNAUTHORIZED", detail)
        .withHeader("WWW-Authenticate", "Bearer realm=\"MMS Public API\", error=\"invalid_token\"");
  }

  private static String @Nullable [] decodeBasic(@Nullable String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
      return null;
    }
    try {
      byte[] raw = Base64.getDecoder().decode(authorization.substring(BASIC.length()).trim());
      String pair = new String(raw, StandardCharsets.UTF_8);
      int colon = pair.indexOf(':');
      return colon < 0 ? null : new String[] {pair.substring(0, colon), pair.substring(colon + 1)};
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static boolean constantTimeEquals(String expected, String actual) {
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8));
  }
}
