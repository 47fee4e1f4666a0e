package dev.rotor.input;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Reads typed values out of a {@link Node} tree and collects a {@link Problem} for each value that
 * is missing, misspelled or of the wrong kind, so that a file's problems are all reported at once.
 * Each reader returns empty when the value is unusable; the problem is already recorded.
 */
public final class Checker {
  private final List<Problem> problems = new ArrayList<>();

  /** Returns {@code parent.key}, or {@code key} at the top level. */
  public static String path(String parent, String key) {
    return parent.isEmpty() ? key : parent + "." + key;
  }

  /** Returns {@code parent[index]}. */
  public static String path(String parent, int index) {
    return parent + "[" + index + "]";
  }

  /** Records a problem at {@code at}. */
  public void problem(Node.Location at, String path, String message) {
    problems.add(new Problem(at.source(), at.line(), at.column(), path, message));
  }

  /** Returns the problems recorded so far. */
  public List<Problem> problems() {
    return List.copyOf(problems);
  }

  /** Throws an {@link InvalidInputException} listing every recorded problem, if there is one. */
  public void throwIfAny() {
    if (!problems.isEmpty()) {
      throw new InvalidInputException(sorted());
    }
  }

  private List<Problem> sorted() {
    var copy = new ArrayList<>(problems);
    copy.sort(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column));
    return copy;
  }

  /** Returns {@code node} as a mapping, or records what it is instead. */
  public Optional<Node.Mapping> mapping(Node node, String path) {
    if (node instanceof Node.Mapping mapping) {
      return Optional.of(mapping);
    }
    problem(node.location(), path, "expected a mapping of fields, found " + node.kind());
    return Optional.empty();
  }

  /** Returns {@code node} as a list, or records what it is instead. */
  public Optional<List<Node>> list(Node node, String path) {
    if (node instanceof Node.Sequence sequence) {
      return Optional.of(sequence.items());
    }
    problem(node.location(), path, "expected a list, found " + node.kind());
    return Optional.empty();
  }

  /** Records every key of {@code mapping} that is not in {@code known}, with a likely fix. */
  public void onlyFields(Node.Mapping mapping, String path, Collection<String> known) {
    for (Node.Key key : mapping.keys().values()) {
      if (!known.contains(key.name())) {
        problem(key.location(), path(path, key.name()), unknownField(key.name(), known));
      }
    }
  }

  private static String unknownField(String name, Collection<String> known) {
    String expected = "expected one of: " + String.join(", ", known);
    return Suggestions.closest(name, known)
        .map(match -> "unknown field (did you mean '" + match + "'?)")
        .orElse("unknown field (" + expected + ")");
  }

  /** Returns the value under {@code key}, or records that the required field is missing. */
  public Optional<Node> required(Node.Mapping mapping, String path, String key) {
    Optional<Node> value = mapping.get(key).filter(node -> !isNull(node));
    if (value.isEmpty()) {
      problem(mapping.location(), path(path, key), "missing required field");
    }
    return value;
  }

  /** Returns the value under {@code key} unless it is absent or null. */
  public Optional<Node> optional(Node.Mapping mapping, String key) {
    return mapping.get(key).filter(node -> !isNull(node));
  }

  private static boolean isNull(Node node) {
    return node instanceof Node.Scalar scalar && scalar.isNull();
  }

  /** Returns the text of a scalar that is not empty. */
  public Optional<String> text(Node node, String path) {
    if (node instanceof Node.Scalar scalar && !scalar.isNull() && !scalar.text().isBlank()) {
      return Optional.of(scalar.text());
    }
    problem(node.location(), path, "expected text, found " + describe(node));
    return Optional.empty();
  }

  private static String describe(Node node) {
    return node instanceof Node.Scalar scalar && scalar.text().isBlank() ? "nothing" : node.kind();
  }

  /** Returns a whole number that is at least {@code min}. */
  public Optional<Long> integer(Node node, String path, long min) {
    Optional<Long> value = scalarOf(node, path, "a whole number").flatMap(t -> parseLong(t));
    if (value.isEmpty()) {
      problem(node.location(), path, "expected a whole number, found " + quoted(node));
      return value;
    }
    if (value.get() < min) {
      problem(node.location(), path, "must be at least " + min + ", found " + value.get());
      return Optional.empty();
    }
    return value;
  }

  private static Optional<Long> parseLong(String text) {
    try {
      return Optional.of(Long.parseLong(text.strip().replace("_", "")));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Returns a decimal number within {@code [min, max]}. */
  public Optional<Double> decimal(Node node, String path, double min, double max) {
    Optional<Double> value = scalarOf(node, path, "a number").flatMap(t -> parseDouble(t));
    if (value.isEmpty()) {
      problem(node.location(), path, "expected a number, found " + quoted(node));
      return value;
    }
    if (value.get() < min || value.get() > max) {
      String range = "between " + min + " and " + max;
      problem(node.location(), path, "must be " + range + ", found " + value.get());
      return Optional.empty();
    }
    return value;
  }

  private static Optional<Double> parseDouble(String text) {
    try {
      double value = Double.parseDouble(text.strip());
      return Double.isFinite(value) ? Optional.of(value) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Returns {@code true} or {@code false}. */
  public Optional<Boolean> bool(Node node, String path) {
    if (node instanceof Node.Scalar scalar && scalar.type() == Node.ScalarType.BOOLEAN) {
      return Optional.of(Boolean.parseBoolean(scalar.text()));
    }
    problem(node.location(), path, "expected true or false, found " + quoted(node));
    return Optional.empty();
  }

  /** Returns a positive ISO-8601 duration such as {@code PT2H}. */
  public Optional<Duration> duration(Node node, String path) {
    Optional<String> text = scalarOf(node, path, "a duration");
    try {
      Optional<Duration> value = text.map(t -> Duration.parse(t.strip()));
      if (value.isPresent() && (value.get().isNegative() || value.get().isZero())) {
        problem(node.location(), path, "must be longer than zero, found " + text.get());
        return Optional.empty();
      }
      return value;
    } catch (DateTimeParseException e) {
      String found = quoted(node);
      problem(node.location(), path, "expected an ISO-8601 duration such as PT2H, found " + found);
      return Optional.empty();
    }
  }

  private Optional<String> scalarOf(Node node, String path, String expected) {
    if (node instanceof Node.Scalar scalar && !scalar.isNull()) {
      return Optional.of(scalar.text());
    }
    problem(node.location(), path, "expected " + expected + ", found " + node.kind());
    return Optional.empty();
  }

  /** Returns how a value reads in a message: its text quoted, or its kind. */
  public static String quoted(Node node) {
    return node instanceof Node.Scalar scalar && !scalar.isNull()
        ? "'" + scalar.text() + "'"
        : node.kind();
  }
}
