package dev.rotor.auth;

import static java.util.Objects.requireNonNull;

import dev.rotor.config.CredentialSpec.ApiKey;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Answers HTTP Digest challenges for API keys, remembering the last challenge of each key so that
 * later calls need one round trip: each answer reuses the nonce with the next nonce count and a
 * fresh client nonce. Safe for concurrent calls.
 *
 * <p>The caller (the Atlas client) sends a request with {@link #authorization}, and on a 401 hands
 * the new challenge to {@link #challenged} before answering it once.
 */
public final class DigestAuthenticator {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final ConcurrentMap<String, NonceState> states = new ConcurrentHashMap<>();
  private final Supplier<String> cnonces;

  /** Creates an authenticator that draws client nonces from a secure random source. */
  public DigestAuthenticator() {
    this(DigestAuthenticator::randomCnonce);
  }

  /** Creates an authenticator with the given client nonce source, for tests. */
  public DigestAuthenticator(Supplier<String> cnonces) {
    this.cnonces = requireNonNull(cnonces, "cnonces");
  }

  /**
   * Returns the {@code Authorization} header value for a request, or null when no challenge from
   * Atlas is known yet for this key (send the request without one to obtain it).
   *
   * @param uri the request target exactly as sent: path and query
   */
  public @Nullable String authorization(ApiKey key, String method, String uri) {
    requireNonNull(key, "key");
    requireNonNull(method, "method");
    requireNonNull(uri, "uri");
    NonceState state = states.get(key.name());
    if (state == null || !state.challenge().supported()) {
      return null;
    }
    return answer(key, state, method, uri);
  }

  /** Remembers {@code challenge} as the current one of {@code key}, with the nonce count reset. */
  public void challenged(ApiKey key, DigestChallenge challenge) {
    requireNonNull(key, "key");
    requireNonNull(challenge, "challenge");
    states.put(key.name(), new NonceState(challenge, new AtomicLong()));
  }

  /** Forgets the challenge of {@code key}. */
  public void forget(ApiKey key) {
    states.remove(requireNonNull(key, "key").name());
  }

  private String answer(ApiKey key, NonceState state, String method, String uri) {
    DigestChallenge challenge = state.challenge();
    String nc = String.format("%08x", state.count().incrementAndGet());
    String cnonce = cnonces.get();
    String response =
        DigestResponse.compute(
            challenge, key.publicKey(), key.privateKey().reveal(), method, uri, nc, cnonce);
    return header(key.publicKey(), challenge, uri, nc, cnonce, response);
  }

  private static String header(
      String user, DigestChallenge challenge, String uri, String nc, String cnonce, String resp) {
    StringBuilder header = new StringBuilder("Digest ");
    header.append("username=").append(quote(user));
    header.append(", realm=").append(quote(challenge.realm()));
    header.append(", nonce=").append(quote(challenge.nonce()));
    header.append(", uri=").append(quote(uri));
    header.append(", algorithm=").append(challenge.algorithm());
    if (challenge.qop() != null) {
      header.append(", qop=").append(challenge.qop());
      header.append(", nc=").append(nc);
      header.append(", cnonce=").append(quote(cnonce));
    }
    header.append(", response=").append(quote(resp));
    if (challenge.opaque() != null) {
      header.append(", opaque=").append(quote(challenge.opaque()));
    }
    return header.toString();
  }

  private static String quote(String value) {
    return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  private static String randomCnonce() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** The current challenge of a key and how many answers used its nonce. */
  private record NonceState(DigestChallenge challenge, AtomicLong count) {}
}
