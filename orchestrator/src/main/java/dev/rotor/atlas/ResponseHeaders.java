package dev.rotor.atlas;

import io.netty.handler.codec.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/** Reads the rate-limit headers Atlas sends: {@code RateLimit-*} and {@code Retry-After}. */
final class ResponseHeaders {
  private ResponseHeaders() {}

  static ResponseMeta meta(HttpHeaders headers, Clock clock, Duration elapsed) {
    return new ResponseMeta(
        integer(headers.get("RateLimit-Limit")),
        integer(headers.get("RateLimit-Remaining")),
        retryAfter(headers.get("Retry-After"), clock),
        elapsed);
  }

  /**
   * Parses {@code Retry-After}: delay seconds or an HTTP-date, the latter measured from {@code
   * clock}; a date in the past is a zero wait.
   *
   * @return the wait, or null when absent or unreadable
   */
  static @Nullable Duration retryAfter(@Nullable String value, Clock clock) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String trimmed = value.strip();
    if (trimmed.chars().allMatch(Character::isDigit)) {
      return seconds(trimmed);
    }
    return untilDate(trimmed, clock);
  }

  private static @Nullable Duration seconds(String digits) {
    try {
      return Duration.ofSeconds(Long.parseLong(digits));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static @Nullable Duration untilDate(String date, Clock clock) {
    try {
      ZonedDateTime at = ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME);
      Duration wait = Duration.between(clock.instant(), at.toInstant());
      return wait.isNegative() ? Duration.ZERO : wait;
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static @Nullable Integer integer(@Nullable String value) {
    if (value == null) {
      return null;
    }
    try {
      return Integer.valueOf(value.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
