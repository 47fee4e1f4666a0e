package dev.rotor.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads {@code itemsPerPage}, {@code pageNum} and {@code includeCount} and builds the Atlas page
 * envelope {@code {links, results, totalCount}}.
 */
record Paging(int itemsPerPage, int pageNum, boolean includeCount) {

  static final int MAX_ITEMS_PER_PAGE = 500;

  static Paging of(AtlasRequest request) {
    int items = intParam(request, "itemsPerPage", 100);
    int page = intParam(request, "pageNum", 1);
    if (items < 1 || items > MAX_ITEMS_PER_PAGE) {
      throw ApiFailure.atlas(
          400,
          "VALIDATION_ERROR",
          "itemsPerPage must lie between 1 and " + MAX_ITEMS_PER_PAGE + ", got " + items + ".",
          "itemsPerPage",
          items);
    }
    if (page < 1) {
      throw ApiFailure.atlas(
          400,
          "VALIDATION_ERROR",
          "pageNum must be at least 1, got " + page + ".",
          "pageNum",
          page);
    }
    return new Paging(items, page, !"false".equals(request.param("includeCount")));
  }

  <T> List<T> slice(List<T> all) {
    long from = (long) (pageNum - 1) * itemsPerPage;
    if (from >= all.size()) {
      return List.of();
    }
    return all.subList((int) from, (int) Math.min(all.size(), from + itemsPerPage));
  }

  Map<String, Object> envelope(AtlasRequest request, List<Object> results, int total) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("links", links(request, total));
    body.put("results", results);
    if (includeCount) {
      body.put("totalCount", total);
    }
    return body;
  }

  private List<Map<String, String>> links(AtlasRequest request, int total) {
    List<Map<String, String>> links = new ArrayList<>();
    if (pageNum > 1) {
      links.add(link(request, pageNum - 1, "previous"));
    }
    links.add(link(request, pageNum, "self"));
    if ((long) pageNum * itemsPerPage < total) {
      links.add(link(request, pageNum + 1, "next"));
    }
    return links;
  }

  private Map<String, String> link(AtlasRequest request, int page, String rel) {
    String href =
        request.baseUrl() + request.path() + "?pageNum=" + page + "&itemsPerPage=" + itemsPerPage;
    return Map.of("href", href, "rel", rel);
  }

  private static int intParam(AtlasRequest request, String name, int fallback) {
    @Nullable String value = request.param(name);
    if (value == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw ApiFailure.atlas(
          400, "VALIDATION_ERROR", name + " must be an integer, got " + value + ".", name, value);
    }
  }
}
