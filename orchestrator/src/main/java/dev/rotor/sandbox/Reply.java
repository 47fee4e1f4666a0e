package dev.rotor.sandbox;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Holds what the sandbox answers to one request, before it is written: a status, headers and an
 * optional body, or one of the two ways of not answering.
 */
record Reply(int status, List<Header> headers, byte @Nullable [] body, Kind kind) {

  static final String JSON = "application/json";

  /** Names how the reply reaches the client. */
  enum Kind {
    SEND,
    /** Close the connection without a response. */
    DROP,
    /** Keep the connection open and never answer. */
    HANG
  }

  /** Holds one response header. */
  record Header(String name, String value) {}

  static Reply body(int status, String contentType, byte[] body) {
    return new Reply(status, List.of(new Header("Content-Type", contentType)), body, Kind.SEND);
  }

  static Reply json(int status, Object value) {
    return body(status, JSON, Json.bytes(value));
  }

  static Reply empty(int status) {
    return new Reply(status, List.of(), null, Kind.SEND);
  }

  static Reply drop() {
    return new Reply(0, List.of(), null, Kind.DROP);
  }

  static Reply hang() {
    return new Reply(0, List.of(), null, Kind.HANG);
  }

  Reply withHeader(String name, String value) {
    List<Header> more = new ArrayList<>(headers.size() + 1);
    more.addAll(headers);
    more.add(new Header(name, value));
    return new Reply(status, List.copyOf(more), body, kind);
  }
}
