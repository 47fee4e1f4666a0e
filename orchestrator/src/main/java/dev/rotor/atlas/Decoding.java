package dev.rotor.atlas;

import io.netty.handler.codec.http.HttpHeaderNames;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Turns an {@link Exchange} into an {@link AtlasResult}: 2xx bodies through a decoder, other
 * statuses into failures with Atlas's error code and detail, anything that is not the documented
 * JSON into a failure that says what was wrong.
 */
final class Decoding {
  private Decoding() {}

  /** Decodes the body of a 2xx response; throws {@link MalformedBody} or Jackson's exceptions. */
  @FunctionalInterface
  interface BodyDecoder<T> {
    @Nullable T decode(byte[] body);
  }

  /** Signals a 2xx body that parses but is not what the endpoint documents. */
  static final class MalformedBody extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MalformedBody(String message) {
      super(message, null, false, false);
    }
  }

  /** A page of results: the elements read so far and whether the page was full. */
  record Page<T>(List<T> results) {}

  static <T> AtlasResult<T> toResult(Exchange exchange, BodyDecoder<T> decoder) {
    if (exchange instanceof Exchange.Failed failed) {
      return failed.failure().retype();
    }
    Exchange.Answered answered = (Exchange.Answered) exchange;
    return answered.isSuccess() ? decode(answered, decoder) : httpError(answered);
  }

  /** Accepts any 2xx body: the call returns nothing. */
  static BodyDecoder<Void> none() {
    return body -> null;
  }

  /** Reads a JSON object into {@code type}, requiring the non-null field {@code idField}. */
  static <T> BodyDecoder<T> object(Class<T> type, String idField) {
    return body -> element(type, idField).apply(objectTree(body));
  }

  /** Reads a page envelope, turning each element of {@code results} with {@code element}. */
  static <T> BodyDecoder<Page<T>> page(Function<JsonNode, T> element) {
    return body -> {
      JsonNode results = objectTree(body).get("results");
      if (results == null || !results.isArray()) {
        throw new MalformedBody("page without a results array");
      }
      List<T> items = new ArrayList<>(results.size());
      results.values().forEach(node -> items.add(element.apply(node)));
      return new Page<>(items);
    };
  }

  /** Returns a converter of one JSON object into {@code type}, requiring {@code idField}. */
  static <T> Function<JsonNode, T> element(Class<T> type, String idField) {
    return node -> {
      if (!node.isObject() || !node.hasNonNull(idField)) {
        throw new MalformedBody(type.getSimpleName() + " without " + idField);
      }
      return AtlasJson.MAPPER.treeToValue(node, type);
    };
  }

  private static JsonNode objectTree(byte[] body) {
    if (body.length == 0) {
      throw new MalformedBody("empty body where JSON was expected");
    }
    JsonNode tree = AtlasJson.tree(body);
    if (!tree.isObject()) {
      throw new MalformedBody("JSON body is not an object");
    }
    return tree;
  }

  private static <T> AtlasResult<T> decode(Exchange.Answered answered, BodyDecoder<T> decoder) {
    try {
      return new AtlasResult.Success<>(decoder.decode(answered.body()), answered.meta());
    } catch (MalformedBody e) {
      return malformed(answered, e.getMessage());
    } catch (JacksonException e) {
      return malformed(answered, "body is not the documented JSON (" + kindOf(answered) + ")");
    }
  }

  private static <T> AtlasResult<T> malformed(Exchange.Answered answered, String what) {
    return new AtlasResult.Failure<>(
        FailureKind.MALFORMED_RESPONSE,
        answered.status(),
        null,
        "HTTP " + answered.status() + ": " + what,
        answered.meta().retryAfter(),
        true,
        answered.meta());
  }

  private static <T> AtlasResult<T> httpError(Exchange.Answered answered) {
    ApiError error = apiError(answered);
    return new AtlasResult.Failure<>(
        FailureKind.HTTP_ERROR,
        answered.status(),
        error.errorCode(),
        error.detail(),
        answered.meta().retryAfter(),
        !refused(answered.status()),
        answered.meta());
  }

  /** Returns whether a status means Atlas did not apply the request: 4xx and 503. */
  static boolean refused(int status) {
    return (status >= 400 && status < 500) || status == 503;
  }

  private static ApiError apiError(Exchange.Answered answered) {
    String notAtlas =
        "HTTP " + answered.status() + " with " + kindOf(answered) + ", not an Atlas error document";
    try {
      JsonNode tree = answered.body().length == 0 ? null : AtlasJson.tree(answered.body());
      if (tree == null || !tree.isObject() || AtlasJson.text(tree, "errorCode") == null) {
        return new ApiError(null, notAtlas);
      }
      String detail = AtlasJson.text(tree, "detail");
      String reason = AtlasJson.text(tree, "reason");
      return new ApiError(
          AtlasJson.text(tree, "errorCode"),
          detail != null ? detail : reason != null ? reason : "HTTP " + answered.status());
    } catch (JacksonException e) {
      return new ApiError(null, notAtlas);
    }
  }

  private static String kindOf(Exchange.Answered answered) {
    return AtlasJson.describeBody(
        answered.headers().get(HttpHeaderNames.CONTENT_TYPE), answered.body());
  }

  /** The parts of Atlas's error document that failures carry. */
  private record ApiError(@Nullable String errorCode, String detail) {}
}
