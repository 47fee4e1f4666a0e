package dev.rotor.auth;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Signals that a token request for a service account failed. The message names the credential and
 * what Atlas said, never the secret.
 */
public final class TokenFetchException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String credential;
  private final int status;
  private final @Nullable String errorCode;
  private final String detail;
  private final transient @Nullable Duration retryAfter;

  /**
   * Creates the exception.
   *
   * @param credential the name of the credential, as plans refer to it
   * @param status the HTTP status of the token endpoint, 0 when it did not answer
   * @param errorCode Atlas's {@code errorCode} or the OAuth {@code error}, when given
   * @param detail what went wrong, free of secrets
   * @param retryAfter the wait Atlas asked for, when given
   */
  public TokenFetchException(
      String credential,
      int status,
      @Nullable String errorCode,
      String detail,
      @Nullable Duration retryAfter) {
    super(
        "Token request failed for credential "
            + credential
            + ": status "
            + status
            + (errorCode == null ? "" : " " + errorCode)
            + ": "
            + detail);
    this.credential = credential;
    this.status = status;
    this.errorCode = errorCode;
    this.detail = detail;
    this.retryAfter = retryAfter;
  }

  /** Returns the name of the credential whose token request failed. */
  public String credential() {
    return credential;
  }

  /** Returns the HTTP status of the token endpoint, 0 when it did not answer. */
  public int status() {
    return status;
  }

  /** Returns Atlas's error code or the OAuth error, when given. */
  public @Nullable String errorCode() {
    return errorCode;
  }

  /** Returns what went wrong, free of secrets. */
  public String detail() {
    return detail;
  }

  /** Returns the wait the token endpoint asked for, when given. */
  public @Nullable Duration retryAfter() {
    return retryAfter;
  }

  /** Returns whether the token endpoint's rate limit refused the request. */
  public boolean rateLimited() {
    return status == 429;
  }
}
