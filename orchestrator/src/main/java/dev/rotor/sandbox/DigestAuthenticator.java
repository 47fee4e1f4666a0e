package dev.rotor.sandbox;

import dev.rotor.sandbox.Fleet.ApiKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks HTTP Digest credentials (RFC 7616, MD5, {@code qop=auth}) of API keys and issues
 * challenges.
 *
 * <p>Each nonce remembers the nonce counts used with it; a count used twice is a replay and is
 * refused. Counts may arrive out of order, as they do when a client sends on several connections at
 * once (RFC 7616 asks the server to detect replays, not to order requests). A nonce older than the
 * configured lifetime is stale: the answer is a fresh challenge with {@code stale=true}. Nonces are
 * forgotten at twice their lifetime, so that the map stays small under millions of requests.
 */
final class DigestAuthenticator {

  static final String REALM = "MMS Public API";

  private static final Pattern PARAM =
      Pattern.compile("(\\w+)\\s*=\\s*(?:\"([^\"]*)\"|([^,\\s]*))");
  private static final int PURGE_EVERY = 1024;
  private static final long MAX_COUNT = 1L << 24;

  private final Map<String, ApiKey> keys = new HashMap<>();
  private final Map<String, Nonce> nonces = new ConcurrentHashMap<>();
  private final AtomicInteger issued = new AtomicInteger();
  private final SecureRandom random = new SecureRandom();
  private final Clock clock;
  private final Duration lifetime;

  DigestAuthenticator(Fleet fleet, Clock clock, Duration lifetime) {
    fleet.apiKeys().forEach(k -> keys.put(k.publicKey(), k));
    this.clock = clock;
    this.lifetime = lifetime;
  }

  /** Remembers when a nonce was issued and the nonce counts used with it. */
  private static final class Nonce {
    final Instant issuedAt;
    final BitSet usedCounts = new BitSet();

    Nonce(Instant issuedAt) {
      this.issuedAt = issuedAt;
    }
  }

  /** Returns a new {@code WWW-Authenticate} challenge, {@code stale=true} if asked. */
  String challenge(boolean stale) {
    String nonce = newNonce();
    return "Digest realm=\""
        + REALM
        + "\", domain=\"\", nonce=\""
        + nonce
        + "\", algorithm=MD5, qop=\"auth\", stale="
        + stale;
  }

  /** Returns the API key's caller if the Digest credentials are right, or fails with 401. */
  Caller authenticate(String method, String header) {
    Map<String, String> params = parse(header);
    ApiKey key = keys.get(params.getOrDefault("username", ""));
    if (key == null || !responseMatches(key, method, params)) {
      throw unauthorized("Invalid API key or digest response.", false);
    }
    requireFreshCount(params);
    return new Caller(key.publicKey(), key.orgId(), true);
  }

  /** Fails with 401 and a fresh challenge. */
  ApiFailure unauthorized(String detail, boolean stale) {
    return ApiFailure.atlas(401, "USER_UNAUTHORIZED", detail)
        .withHeader("WWW-Authenticate", challenge(stale));
  }

  private void requireFreshCount(Map<String, String> params) {
    Nonce nonce = nonces.get(params.getOrDefault("nonce", ""));
    if (nonce == null || !clock.instant().isBefore(nonce.issuedAt.plus(lifetime))) {
      throw unauthorized("The nonce is stale.", true);
    }
    long count = parseCount(params.getOrDefault("nc", ""));
    if (count < 1) {
      throw unauthorized("The nonce count is not a hexadecimal number from 00000001.", false);
    }
    if (count > MAX_COUNT) {
      // The used counts are kept as bits: past this, the client is asked for a fresh nonce.
      throw unauthorized("The nonce is stale.", true);
    }
    synchronized (nonce) {
      if (nonce.usedCounts.get((int) count)) {
        throw unauthorized("The nonce count " + count + " was already used.", false);
      }
      nonce.usedCounts.set((int) count);
    }
  }

  private static boolean responseMatches(ApiKey key, String method, Map<String, String> params) {
    if (!REALM.equals(params.get("realm")) || !"auth".equals(params.get("qop"))) {
      return false;
    }
    String ha1 = md5(key.publicKey() + ":" + REALM + ":" + key.privateKey());
    String ha2 = md5(method + ":" + params.getOrDefault("uri", ""));
    String expected =
        md5(
            String.join(
                ":",
                ha1,
                params.getOrDefault("nonce", ""),
                params.getOrDefault("nc", ""),
                params.getOrDefault("cnonce", ""),
                "auth",
                ha2));
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII),
        params.getOrDefault("response", "").getBytes(StandardCharsets.US_ASCII));
  }

  private String newNonce() {
    purgeNowAndThen();
    byte[] bytes = new byte[18];
    random.nextBytes(bytes);
    String nonce = HexFormat.of().formatHex(bytes);
    nonces.put(nonce, new Nonce(clock.instant()));
    return nonce;
  }

  private void purgeNowAndThen() {
    if (issued.incrementAndGet() % PURGE_EVERY == 0) {
      Instant horizon = clock.instant().minus(lifetime.multipliedBy(2));
      nonces.values().removeIf(n -> n.issuedAt.isBefore(horizon));
    }
  }

  private static Map<String, String> parse(String header) {
    Map<String, String> params = new HashMap<>();
    Matcher m = PARAM.matcher(header.substring("Digest".length()));
    while (m.find()) {
      params.put(m.group(1).toLowerCase(), m.group(2) != null ? m.group(2) : m.group(3));
    }
    return params;
  }

  private static long parseCount(String nc) {
    try {
      return Long.parseLong(nc, 16);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  static String md5(String text) {
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      return HexFormat.of().formatHex(md5.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is missing from this JVM", e);
    }
  }
}
