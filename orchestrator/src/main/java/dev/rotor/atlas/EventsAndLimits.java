package dev.rotor.atlas;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Reads the two models whose JSON does not map field by field: events and rate limits. */
final class EventsAndLimits {
  private EventsAndLimits() {}

  static OrgEvent event(JsonNode node) {
    String id = node.isObject() ? AtlasJson.text(node, "id") : null;
    if (id == null) {
      throw new Decoding.MalformedBody("event without id");
    }
    return new OrgEvent(
        id,
        instant(AtlasJson.text(node, "created")),
        AtlasJson.text(node, "eventTypeName"),
        AtlasJson.text(node, "orgId"),
        node);
  }

  static RateLimitInfo rateLimit(JsonNode node) {
    String id = node.isObject() ? AtlasJson.text(node, "endpointSetId") : null;
    if (id == null) {
      throw new Decoding.MalformedBody("rate limit without endpointSetId");
    }
    return new RateLimitInfo(
        id,
        AtlasJson.text(node, "endpointSetName"),
        AtlasJson.text(node, "scope"),
        applied(node, "capacity"),
        applied(node, "refillRate"),
        applied(node, "refillDurationSeconds"),
        endpoints(node.path("endpoints")));
  }

  private static long applied(JsonNode node, String field) {
    return node.path(field).path("value").asLong(0L);
  }

  private static List<RateLimitInfo.Endpoint> endpoints(JsonNode array) {
    List<RateLimitInfo.Endpoint> endpoints = new ArrayList<>();
    for (JsonNode endpoint : array.values()) {
      endpoints.add(
          new RateLimitInfo.Endpoint(
              AtlasJson.text(endpoint, "method"), AtlasJson.text(endpoint, "path")));
    }
    return endpoints;
  }

  private static @Nullable Instant instant(@Nullable String text) {
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
