package dev.rotor.atlas;

/** Classifies why an Atlas call did not succeed. */
public enum FailureKind {
  /** Atlas answered with a status outside 2xx; see the status and error code. */
  HTTP_ERROR,
  /** No connection could be used: refused, connect timeout, no pooled connection in time. */
  CONNECT_FAILED,
  /** The request was sent but no complete response came within the response timeout. */
  TIMEOUT,
  /** The connection broke after the request was (or was being) sent. */
  CONNECTION_CLOSED,
  /** Atlas answered 2xx with a body that is not the documented JSON. */
  MALFORMED_RESPONSE,
  /** No access token could be obtained for the credential; the call itself was not sent. */
  AUTH_FAILED
}
