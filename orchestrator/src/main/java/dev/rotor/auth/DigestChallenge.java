package dev.rotor.auth;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A {@code WWW-Authenticate: Digest ...} challenge (RFC 7616), as Atlas sends it to API keys.
 *
 * @param realm the protection space, {@code MMS Public API} on Atlas
 * @param nonce the server's nonce, to be echoed with a counter
 * @param opaque a value to echo verbatim, when given
 * @param algorithm {@code MD5} (the default) or {@code SHA-256}
 * @param qop the quality of protection offered, {@code auth} on Atlas; null for RFC 2069 servers
 * @param stale whether the previous nonce was merely too old and the credentials were right
 */
public record DigestChallenge(
    String realm,
    String nonce,
    @Nullable String opaque,
    String algorithm,
    @Nullable String qop,
    boolean stale) {

  /** Checks the fields. */
  public DigestChallenge {
    requireNonNull(realm, "realm");
    requireNonNull(nonce, "nonce");
    requireNonNull(algorithm, "algorithm");
  }

  /**
   * Parses the value of a {@code WWW-Authenticate} header.
   *
   * @return the challenge, or empty when the header is not a Digest challenge with a nonce
   */
  public static Optional<DigestChallenge> parse(String header) {
    requireNonNull(header, "header");
    String trimmed = header.strip();
    if (!trimmed.regionMatches(true, 0, "Digest ", 0, 7)) {
      return Optional.empty();
    }
    Map<String, String> params = parseParams(trimmed.substring(7));
    String nonce = params.get("nonce");
    if (nonce == null) {
      return Optional.empty();
    }
    return Optional.of(
        new DigestChallenge(
            params.getOrDefault("realm", ""),
            nonce,
            params.get("opaque"),
            params.getOrDefault("algorithm", "MD5"),
            chooseQop(params.get("qop")),
            "true".equalsIgnoreCase(params.get("stale"))));
  }

  /** Returns whether Rotor can answer this challenge (MD5 or SHA-256, {@code auth} or none). */
  public boolean supported() {
    return DigestResponse.digestName(algorithm) != null && (qop == null || qop.equals("auth"));
  }

  private static @Nullable String chooseQop(@Nullable String offered) {
    if (offered == null) {
      return null;
    }
    for (String option : offered.split(",")) {
      if (option.strip().equalsIgnoreCase("auth")) {
        return "auth";
      }
    }
    return offered.strip();
  }

  /** Splits {@code name=value, name="quoted, value"} pairs; names are lowercased. */
  private static Map<String, String> parseParams(String text) {
    Map<String, String> params = new HashMap<>();
    int i = 0;
    while (i < text.length()) {
      int eq = text.indexOf('=', i);
      if (eq < 0) {
        break;
      }
      String name = text.substring(i, eq).strip().toLowerCase(Locale.ROOT);
      StringBuilder value = new StringBuilder();
      i = readValue(text, eq + 1, value);
      params.putIfAbsent(name, value.toString());
      i = skipSeparator(text, i);
    }
    return params;
  }

  private static int readValue(String text, int start, StringBuilder value) {
    int i = start;
    while (i < text.length() && text.charAt(i) == ' ') {
      i++;
    }
    if (i < text.length() && text.charAt(i) == '"') {
      return readQuoted(text, i + 1, value);
    }
    while (i < text.length() && text.charAt(i) != ',') {
      value.append(text.charAt(i++));
    }
    value.setLength(value.toString().strip().length());
    return i;
  }

  private static int readQuoted(String text, int start, StringBuilder value) {
    int i = start;
    while (i < text.length() && text.charAt(i) != '"') {
      char c = text.charAt(i++);
      if (c == '\\' && i < text.length()) {
        c = text.charAt(i++);
      }
      value.append(c);
    }
    return i + 1;
  }

  private static int skipSeparator(String text, int start) {
    int i = start;
    while (i < text.length() && (text.charAt(i) == ',' || text.charAt(i) == ' ')) {
      i++;
    }
    return i;
  }
}
