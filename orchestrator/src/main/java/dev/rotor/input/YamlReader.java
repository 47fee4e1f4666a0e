package dev.rotor.input;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads a YAML document into a tree of {@link Node}s that remember their line and column. Text that
 * is not YAML, an empty document and a key written twice are reported as {@link Problem}s.
 */
public final class YamlReader {
  private static final YAMLMapper MAPPER = YAMLMapper.builder().build();

  private final String source;
  private final List<Problem> problems = new ArrayList<>();

  private YamlReader(String source) {
    this.source = source;
  }

  /** Reads the file at {@code path}; its name in messages is the path as given. */
  public static Node read(Path path) {
    try {
      return read(path.toString(), Files.readString(path, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      throw single(path.toString(), "file not found");
    } catch (IOException e) {
      throw single(path.toString(), "cannot be read: " + e.getMessage());
    }
  }

  /** Reads {@code text}, naming it {@code source} in messages. */
  public static Node read(String source, String text) {
    var reader = new YamlReader(source);
    Node root = reader.parse(text);
    if (!reader.problems.isEmpty()) {
      throw new InvalidInputException(reader.problems);
    }
    return root;
  }

  private static InvalidInputException single(String source, String message) {
    return new InvalidInputException(List.of(new Problem(source, 0, 0, "", message)));
  }

  private Node parse(String text) {
    try (JsonParser parser = MAPPER.createParser(text)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw single(source, "the file is empty (expected a YAML mapping)");
      }
      return value(parser);
    } catch (JacksonException e) {
      throw new InvalidInputException(List.of(notYaml(e)));
    }
  }

  private Problem notYaml(JacksonException e) {
    TokenStreamLocation at = e.getLocation();
    int line = at == null ? 0 : Math.max(at.getLineNr(), 0);
    int column = at == null ? 0 : Math.max(at.getColumnNr(), 0);
    String reason = reason(e.getOriginalMessage());
    return new Problem(source, line, column, "", "not valid YAML: " + reason);
  }

  /** Keeps the parser's sentences and drops its location lines and source excerpts. */
  private static String reason(String message) {
    if (message == null) {
      return "unreadable";
    }
    return message
        .lines()
        .filter(line -> !line.isBlank() && !line.startsWith(" "))
        .map(String::strip)
        .collect(java.util.stream.Collectors.joining(", "));
  }

  private Node value(JsonParser parser) {
    Node.Location at = location(parser.currentTokenLocation());
    JsonToken token = parser.currentToken();
    return switch (token) {
      case START_OBJECT -> mapping(parser, at);
      case START_ARRAY -> sequence(parser, at);
      case VALUE_STRING -> new Node.Scalar(at, parser.getString(), Node.ScalarType.STRING);
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT ->
          new Node.Scalar(at, parser.getText(), Node.ScalarType.NUMBER);
      case VALUE_TRUE, VALUE_FALSE ->
          new Node.Scalar(at, parser.getText(), Node.ScalarType.BOOLEAN);
      case VALUE_NULL -> new Node.Scalar(at, "", Node.ScalarType.NULL);
      default -> new Node.Scalar(at, String.valueOf(parser.getText()), Node.ScalarType.STRING);
    };
  }

  private Node.Mapping mapping(JsonParser parser, Node.Location at) {
    Map<String, Node> values = new LinkedHashMap<>();
    Map<String, Node.Key> keys = new LinkedHashMap<>();
    while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
      String name = parser.currentName();
      Node.Location keyAt = location(parser.currentTokenLocation());
      parser.nextToken();
      Node value = value(parser);
      if (keys.containsKey(name)) {
        problems.add(duplicateKey(name, keyAt, keys.get(name).location()));
        continue;
      }
      keys.put(name, new Node.Key(name, keyAt));
      values.put(name, value);
    }
    return new Node.Mapping(at, values, keys);
  }

  private Problem duplicateKey(String name, Node.Location at, Node.Location first) {
    return new Problem(
        source,
        at.line(),
        at.column(),
        name,
        "key written twice (first at line " + first.line() + "); keep one");
  }

  private Node.Sequence sequence(JsonParser parser, Node.Location at) {
    List<Node> items = new ArrayList<>();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      items.add(value(parser));
    }
    return new Node.Sequence(at, items);
  }

  private Node.Location location(TokenStreamLocation at) {
    return new Node.Location(source, Math.max(at.getLineNr(), 1), Math.max(at.getColumnNr(), 1));
  }
}
