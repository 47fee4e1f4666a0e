package dev.rotor.report;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Holds what every format shares: the configured JSON mapper and the way times are written. */
final class Reports {
  /** The one JSON mapper of the report package. */
  static final JsonMapper JSON =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private Reports() {}

  /** Returns {@code instant} as ISO-8601 in UTC, such as {@code 2026-12-03T18:15:00.123Z}. */
  static String time(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant);
  }
}
