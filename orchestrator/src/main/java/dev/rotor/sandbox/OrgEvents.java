package dev.rotor.sandbox;

import dev.rotor.sandbox.SandboxState.OrgEvent;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Answers {@code GET /orgs/{orgId}/events}: the organization's {@code
 * IDENTITY_PROVIDER_JWKS_REVOKED} events, newest first, filtered by type and date.
 */
final class OrgEvents {

  static final String JWKS_REVOKED = "IDENTITY_PROVIDER_JWKS_REVOKED";

  private OrgEvents() {}

  static Reply list(SandboxState state, String orgId, AtlasRequest request, Caller caller) {
    requireMember(state, orgId, caller);
    Paging paging = Paging.of(request);
    Instant minDate = date(request, "minDate");
    Instant maxDate = date(request, "maxDate");
    List<OrgEvent> matching = matching(state.events(orgId), request, minDate, maxDate);
    boolean raw = "true".equals(request.param("includeRaw"));
    List<Object> results = new ArrayList<>();
    paging.slice(matching).forEach(e -> results.add(render(request, e, raw)));
    return Reply.json(200, paging.envelope(request, results, matching.size()));
  }

  private static void requireMember(SandboxState state, String orgId, Caller caller) {
    AtlasResources.requireHex24("orgId", orgId);
    if (state.organization(orgId) == null) {
      throw ApiFailure.atlas(
          404, "RESOURCE_NOT_FOUND", "No organization with id " + orgId + " exists.", orgId);
    }
    if (!orgId.equals(caller.orgId())) {
      throw ApiFailure.atlas(
          403,
          "NOT_ORG_OWNER",
          "Credential " + caller.clientId() + " is not a member of organization " + orgId + ".",
          orgId);
    }
  }

  private static List<OrgEvent> matching(
      List<OrgEvent> events,
      AtlasRequest request,
      @Nullable Instant minDate,
      @Nullable Instant maxDate) {
    List<String> types = request.params("eventType");
    if (!types.isEmpty() && !types.contains(JWKS_REVOKED)) {
      return List.of();
    }
    List<OrgEvent> matching = new ArrayList<>();
    for (int i = events.size() - 1; i >= 0; i--) {
      Instant created = events.get(i).revocation().time();
      boolean afterMin = minDate == null || !created.isBefore(minDate);
      boolean beforeMax = maxDate == null || !created.isAfter(maxDate);
      if (afterMin && beforeMax) {
        matching.add(events.get(i));
      }
    }
    return matching;
  }

  private static Map<String, Object> render(AtlasRequest request, OrgEvent event, boolean raw) {
    Revocation revocation = event.revocation();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("created", revocation.time().toString());
    body.put("eventTypeName", JWKS_REVOKED);
    body.put("federationSettingsId", revocation.federationSettingsId());
    body.put("id", event.id());
    body.put("identityProviderId", revocation.identityProviderId());
    body.put("isGlobalAdmin", false);
    String self =
        request.baseUrl() + "/api/atlas/v2/orgs/" + event.orgId() + "/events/" + event.id();
    body.put("links", List.of(Map.of("href", self, "rel", "self")));
    body.put("orgId", event.orgId());
    body.put("remoteAddress", "127.0.0.1");
    body.put("resourceId", revocation.identityProviderId());
    body.put("resourceType", "FEDERATION_IDENTITY_PROVIDER");
    if (raw) {
      body.put("raw", rawOf(event));
    }
    return body;
  }

  private static Map<String, Object> rawOf(OrgEvent event) {
    Revocation revocation = event.revocation();
    Map<String, Object> raw = new LinkedHashMap<>();
    raw.put("_t", "ORG_AUDIT");
    raw.put("cre", revocation.time().toString());
    raw.put("et", JWKS_REVOKED);
    raw.put("federationSettingsId", revocation.federationSettingsId());
    raw.put("id", event.id());
    raw.put("identityProviderId", revocation.identityProviderId());
    raw.put("orgId", event.orgId());
    raw.put("requestedBy", revocation.clientId());
    return raw;
  }

  private static @Nullable Instant date(AtlasRequest request, String name) {
    String value = request.param(name);
    if (value == null) {
      return null;
    }
    // An unencoded '+' of an offset arrives as a space.
    String text = value.trim().replace(' ', '+');
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      return localDate(name, text);
    }
  }

  private static Instant localDate(String name, String text) {
    try {
      return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw ApiFailure.atlas(
          400,
          "VALIDATION_ERROR",
          name + " must be an ISO 8601 timestamp in UTC, got " + text + ".",
          name,
          text);
    }
  }
}
