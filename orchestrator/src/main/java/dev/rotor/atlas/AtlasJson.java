package dev.rotor.atlas;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;

/** Holds the one JSON mapper of the Atlas client, lenient about fields Rotor does not read. */
final class AtlasJson {
  static final JsonMapper MAPPER =
      JsonMapper.builder()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(EnumFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL)
          .build();

  private AtlasJson() {}

  /** Parses {@code body} as a JSON tree; throws {@code JacksonException} when it is not JSON. */
  static JsonNode tree(byte[] body) {
    return MAPPER.readTree(body);
  }

  /** Returns the string at {@code field}, or null when absent or not a string. */
  static @Nullable String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isString() ? value.stringValue() : null;
  }

  /** Describes a body for an error message without quoting it: its type and size. */
  static String describeBody(@Nullable String contentType, byte[] body) {
    if (body.length == 0) {
      return "an empty body";
    }
    String type = contentType == null ? "no content type" : contentType;
    boolean html =
        new String(body, 0, Math.min(body.length, 64), StandardCharsets.UTF_8)
            .stripLeading()
            .startsWith("<");
    return (html ? "an HTML/XML body" : "a body") + " (" + type + ", " + body.length + " bytes)";
  }
}
