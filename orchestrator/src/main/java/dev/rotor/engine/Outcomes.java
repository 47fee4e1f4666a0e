package dev.rotor.engine;

import org.jspecify.annotations.Nullable;

/** Words for what Atlas answered, shared by the journal's details and the log lines. */
final class Outcomes {
  private Outcomes() {}

  /** Returns {@code 403 NOT_ORG_OWNER: detail}, leaving out what Atlas did not say. */
  static String describe(int status, @Nullable String errorCode, @Nullable String detail) {
    var text = new StringBuilder(status == 0 ? "no response" : String.valueOf(status));
    if (errorCode != null) {
      text.append(' ').append(errorCode);
    }
    if (detail != null && !detail.isBlank()) {
      text.append(": ").append(detail);
    }
    return text.toString();
  }
}
