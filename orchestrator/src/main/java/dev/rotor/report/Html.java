package dev.rotor.report;

import org.jspecify.annotations.Nullable;

/** Escapes text for XHTML-compatible HTML: element content and quoted attribute values alike. */
final class Html {
  private Html() {}

  /**
   * Returns {@code text} with the five markup characters escaped and the characters XML forbids
   * replaced by U+FFFD, so that a display name from Atlas can never become markup.
   */
  static String escape(@Nullable String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(allowedInXml(c) ? c : '\uFFFD');
      }
    }
    return out.toString();
  }

  private static boolean allowedInXml(char c) {
    return c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c != 0xFFFE && c != 0xFFFF);
  }
}
