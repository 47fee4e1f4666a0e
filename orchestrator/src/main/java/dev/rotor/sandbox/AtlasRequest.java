package dev.rotor.sandbox;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Holds what the Atlas handlers read of an HTTP request.
 *
 * @param baseUrl scheme and authority the client used, for paging links
 */
record AtlasRequest(
    String method,
    String path,
    Map<String, List<String>> query,
    @Nullable String authorization,
    @Nullable String accept,
    String baseUrl) {

  @Nullable String param(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  List<String> params(String name) {
    return query.getOrDefault(name, List.of());
  }
}
