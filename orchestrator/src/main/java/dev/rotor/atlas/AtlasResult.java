package dev.rotor.atlas;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of an Atlas call: a {@link Success} with the value, or a {@link Failure} that says
 * what went wrong and whether the request may have taken effect. Atlas calls never signal errors
 * through the {@code Mono}; every outcome arrives as one of these.
 */
public sealed interface AtlasResult<T> permits AtlasResult.Success, AtlasResult.Failure {

  /** Returns the response meta of the last exchange. */
  ResponseMeta meta();

  /** Returns a result with the value transformed by {@code mapper}, failures unchanged. */
  <U> AtlasResult<U> map(Function<? super T, ? extends U> mapper);

  /**
   * A call that Atlas answered with 2xx and a well-formed body.
   *
   * @param value the decoded body, null for calls that return nothing
   */
  record Success<T>(@Nullable T value, ResponseMeta meta) implements AtlasResult<T> {
    /** Checks the meta. */
    public Success {
      requireNonNull(meta, "meta");
    }

    @Override
    public <U> AtlasResult<U> map(Function<? super T, ? extends U> mapper) {
      return new Success<>(mapper.apply(value), meta);
    }
  }

  /**
   * A call that did not succeed.
   *
   * @param kind why the call failed
   * @param status the HTTP status, 0 when there was no response
   * @param errorCode Atlas's {@code errorCode}, verbatim, when the body had one
   * @param detail Atlas's {@code detail} verbatim, or what was wrong with the exchange
   * @param retryAfter the {@code Retry-After} wait, when Atlas sent one
   * @param mayHaveTakenEffect false only when the request certainly was not applied: it was never
   *     sent, or Atlas answered with a status that means it was refused (4xx, 503)
   */
  record Failure<T>(
      FailureKind kind,
      int status,
      @Nullable String errorCode,
      String detail,
      @Nullable Duration retryAfter,
      boolean mayHaveTakenEffect,
      ResponseMeta meta)
      implements AtlasResult<T> {

    /** Checks the fields. */
    public Failure {
      requireNonNull(kind, "kind");
      requireNonNull(detail, "detail");
      requireNonNull(meta, "meta");
    }

    /**
     * Returns whether repeating the call is safe and may help: the request certainly did not take
     * effect, and the cause is transient (no connection, 429, or 503 with {@code Retry-After}).
     */
    public boolean isRetryable() {
      if (mayHaveTakenEffect) {
        return false;
      }
      return status == 0 || status == 429 || (status == 503 && retryAfter != null);
    }

    /** Returns this failure as the failure of a call of another type. */
    @SuppressWarnings("unchecked") // a Failure holds no T, so any T is right
    public <U> Failure<U> retype() {
      return (Failure<U>) this;
    }

    @Override
    public <U> AtlasResult<U> map(Function<? super T, ? extends U> mapper) {
      return retype();
    }
  }
}
