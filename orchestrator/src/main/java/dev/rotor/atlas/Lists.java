package dev.rotor.atlas;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Normalizes lists read from JSON, where Atlas omits empty arrays. */
final class Lists {
  private Lists() {}

  static <T> List<T> orEmpty(@Nullable List<T> list) {
    return list == null ? List.of() : List.copyOf(list);
  }
}
