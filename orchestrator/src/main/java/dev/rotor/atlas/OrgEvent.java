package dev.rotor.atlas;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * An organization event, such as {@code IDENTITY_PROVIDER_JWKS_REVOKED}: the evidence that a
 * revocation happened. The whole event, {@code raw} included, is kept so that {@link #names} can
 * search it, since the public schema has no field for the identity provider.
 */
public final class OrgEvent {
  private final String id;
  private final @Nullable Instant created;
  private final @Nullable String eventTypeName;
  private final @Nullable String orgId;
  private final JsonNode document;

  OrgEvent(
      String id,
      @Nullable Instant created,
      @Nullable String eventTypeName,
      @Nullable String orgId,
      JsonNode document) {
    this.id = requireNonNull(id, "id");
    this.created = created;
    this.eventTypeName = eventTypeName;
    this.orgId = orgId;
    this.document = requireNonNull(document, "document");
  }

  /** Returns the event's 24-hex id. */
  public String id() {
    return id;
  }

  /** Returns when the event occurred, when Atlas says so. */
  public @Nullable Instant created() {
    return created;
  }

  /** Returns the event type, such as {@code IDENTITY_PROVIDER_JWKS_REVOKED}. */
  public @Nullable String eventTypeName() {
    return eventTypeName;
  }

  /** Returns the organization the event belongs to. */
  public @Nullable String orgId() {
    return orgId;
  }

  /**
   * Returns whether {@code identityProviderId} appears in any string value of the event, at any
   * depth, {@code raw} included. Note that this is deliberately liberal: a value that merely
   * contains the id (a description naming it) counts.
   */
  public boolean names(String identityProviderId) {
    requireNonNull(identityProviderId, "identityProviderId");
    return !identityProviderId.isEmpty() && mentions(document, identityProviderId);
  }

  private static boolean mentions(JsonNode node, String needle) {
    if (node.isString()) {
      return node.stringValue().contains(needle);
    }
    for (JsonNode child : node.values()) {
      if (mentions(child, needle)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof OrgEvent that && document.equals(that.document);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, document);
  }

  @Override
  public String toString() {
    return "OrgEvent[id="
        + id
        + ", type="
        + eventTypeName
        + ", org="
        + orgId
        + ", at="
        + created
        + "]";
  }
}
