package dev.rotor.atlas;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * What a response said about rate limits, and how long the call took.
 *
 * @param rateLimitLimit the {@code RateLimit-Limit} header, when present
 * @param rateLimitRemaining the {@code RateLimit-Remaining} header, when present
 * @param retryAfter the {@code Retry-After} header as a wait, when present
 * @param elapsed the time from sending the request to reading the whole response (or failing)
 */
public record ResponseMeta(
    @Nullable Integer rateLimitLimit,
    @Nullable Integer rateLimitRemaining,
    @Nullable Duration retryAfter,
    Duration elapsed) {

  /** Returns the meta of a call that got no response. */
  public static ResponseMeta none(Duration elapsed) {
    return new ResponseMeta(null, null, null, elapsed);
  }
}
