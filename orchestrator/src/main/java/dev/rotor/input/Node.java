package dev.rotor.input;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A YAML value with the place it was written, so that every check can point at its line. Mappings
 * keep their keys' order and their keys' own locations.
 */
public sealed interface Node permits Node.Mapping, Node.Sequence, Node.Scalar {

  /** Returns where the value starts. */
  Location location();

  /** Returns a short name of the value's kind, for messages: "a mapping", "a list", "text". */
  String kind();

  /** A place in a file: 1-based line and column. */
  record Location(String source, int line, int column) {}

  /** A key of a mapping, with its own location. */
  record Key(String name, Location location) {}

  /** A YAML mapping. */
  record Mapping(Location location, Map<String, Node> values, Map<String, Key> keys)
      implements Node {

    public Mapping {
      values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
      keys = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(keys));
    }

    /** Returns the value under {@code name}, if present. */
    public Optional<Node> get(String name) {
      return Optional.ofNullable(values.get(name));
    }

    @Override
    public String kind() {
      return "a mapping";
    }
  }

  /** A YAML sequence. */
  record Sequence(Location location, List<Node> items) implements Node {

    public Sequence {
      items = List.copyOf(items);
    }

    @Override
    public String kind() {
      return "a list";
    }
  }

  /**
   * A YAML scalar: its text as written, and whether it was written as a string (quoted or plain
   * text) rather than a number, a boolean or null.
   */
  record Scalar(Location location, String text, ScalarType type) implements Node {

    @Override
    public String kind() {
      return switch (type) {
        case STRING -> "text";
        case NUMBER -> "a number";
        case BOOLEAN -> "a boolean";
        case NULL -> "nothing";
      };
    }

    /** Returns whether the value is YAML's null (an empty value, {@code ~} or {@code null}). */
    public boolean isNull() {
      return type == ScalarType.NULL;
    }
  }

  /** How a scalar was written. */
  enum ScalarType {
    STRING,
    NUMBER,
    BOOLEAN,
    NULL
  }
}
