package dev.rotor.journal;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Makes run ids that sort by start time and read well: {@code 20261203T181500Z-3f9a}. */
public final class RunIds {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final SecureRandom RANDOM = new SecureRandom();

  private RunIds() {}

  /**
   * Returns a new run id for a run started at {@code startedAt}. Note that two runs started in the
   * same second collide once in 65,536; {@link Journal#createRun} then fails and the caller
   * retries.
   */
  public static String next(Instant startedAt) {
    return STAMP.format(startedAt) + "-" + String.format("%04x", RANDOM.nextInt(0x10000));
  }
}
