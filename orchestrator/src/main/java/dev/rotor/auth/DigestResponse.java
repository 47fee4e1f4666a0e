package dev.rotor.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Computes the {@code response} value of an HTTP Digest answer (RFC 7616 section 3.4.1). */
final class DigestResponse {
  private DigestResponse() {}

  /** Returns the Java digest name for a Digest {@code algorithm}, or null when unsupported. */
  static @Nullable String digestName(String algorithm) {
    return switch (algorithm.toUpperCase(Locale.ROOT)) {
      case "MD5" -> "MD5";
      case "SHA-256" -> "SHA-256";
      default -> null;
    };
  }

  /** Returns the response for {@code qop=auth}, or the RFC 2069 form when {@code qop} is null. */
  static String compute(
      DigestChallenge challenge,
      String user,
      String password,
      String method,
      String uri,
      String nc,
      String cnonce) {
    String ha1 = hash(challenge, user + ":" + challenge.realm() + ":" + password);
    String ha2 = hash(challenge, method + ":" + uri);
    String middle =
        challenge.qop() == null
            ? challenge.nonce()
            : challenge.nonce() + ":" + nc + ":" + cnonce + ":" + challenge.qop();
    return hash(challenge, ha1 + ":" + middle + ":" + ha2);
  }

  private static String hash(DigestChallenge challenge, String text) {
    String name = digestName(challenge.algorithm());
    if (name == null) {
      throw new IllegalArgumentException("Unsupported digest algorithm " + challenge.algorithm());
    }
    try {
      byte[] digest = MessageDigest.getInstance(name).digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("JDK lacks " + name, e);
    }
  }
}
