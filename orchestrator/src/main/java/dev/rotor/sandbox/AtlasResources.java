package dev.rotor.sandbox;

import dev.rotor.sandbox.AtlasApi.Endpoint;
import dev.rotor.sandbox.AtlasApi.Route;
import dev.rotor.sandbox.FaultInjector.Outcome;
import dev.rotor.sandbox.Fleet.ConnectedOrgConfig;
import dev.rotor.sandbox.Fleet.Federation;
import dev.rotor.sandbox.Fleet.IdentityProvider;
import dev.rotor.sandbox.Fleet.IdpType;
import dev.rotor.sandbox.Fleet.Protocol;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Answers the Atlas endpoints once the request is authenticated and admitted: validates ids, checks
 * that the caller may act on the federation or organization, and renders the resources.
 */
final class AtlasResources {

  private static final Pattern HEX24 = Pattern.compile("[a-f0-9]{24}");
  private static final String FIXED_TIME = "2024-01-15T09:30:00Z";

  private final SandboxState state;
  private final FaultInjector faults;
  private final BucketLimit revokeLimit;
  private final BucketLimit readLimit;
  private final Map<String, List<IdentityProvider>> selections = new ConcurrentHashMap<>();

  AtlasResources(
      SandboxState state, FaultInjector faults, BucketLimit revokeLimit, BucketLimit readLimit) {
    this.state = state;
    this.faults = faults;
    this.revokeLimit = revokeLimit;
    this.readLimit = readLimit;
  }

  Reply answer(Route route, AtlasRequest request, Caller caller) {
    Endpoint endpoint = route.endpoint();
    Reply reply =
        switch (endpoint) {
          case REVOKE_JWKS -> revoke(route, caller);
          case LIST_IDENTITY_PROVIDERS -> listIdentityProviders(route, request, caller);
          case GET_IDENTITY_PROVIDER -> getIdentityProvider(route, caller);
          case LIST_CONNECTED_ORG_CONFIGS -> listConnectedOrgConfigs(route, request, caller);
          case GET_ORG_FEDERATION_SETTINGS -> orgFederationSettings(route, caller);
          case LIST_ORG_EVENTS -> OrgEvents.list(state, route.variable(1), request, caller);
          case LIST_RATE_LIMITS -> rateLimits(request, caller);
        };
    return reply.kind() == Reply.Kind.SEND && reply.body() != null
        ? withMediaType(reply, endpoint)
        : reply;
  }

  private Reply revoke(Route route, Caller caller) {
    Federation federation = ownedFederation(route.variable(1), caller);
    IdentityProvider idp = identityProvider(federation, route.variable(2));
    if (idp.protocol() != Protocol.OIDC) {
      throw ApiFailure.atlas(
          400,
          "INVALID_ATTRIBUTE",
          "Identity provider "
              + idp.id()
              + " uses protocol "
              + idp.protocol()
              + "; JWKS can only be revoked for OIDC identity providers.",
          "protocol");
    }
    return applyWithFaults(federation, idp, caller);
  }

  private Reply applyWithFaults(Federation federation, IdentityProvider idp, Caller caller) {
    Outcome outcome = faults.draw();
    switch (outcome) {
      case ERROR_500 ->
          throw ApiFailure.atlas(
              500, "UNEXPECTED_ERROR", "Unexpected error (injected by the sandbox).");
      case ERROR_503 ->
          throw ApiFailure.atlas(
                  503, "SERVICE_UNAVAILABLE", "Service unavailable (injected by the sandbox).")
              .withHeader("Retry-After", "1");
      case DROP_BEFORE_APPLY -> {
        return Reply.drop();
      }
      default -> {}
    }
    state.revoke(federation, idp, caller);
    return switch (outcome) {
      case HANG_AFTER_APPLY -> Reply.hang();
      case DROP_AFTER_APPLY -> Reply.drop();
      default -> Reply.empty(204);
    };
  }

  private Reply listIdentityProviders(Route route, AtlasRequest request, Caller caller) {
    Federation federation = ownedFederation(route.variable(1), caller);
    Paging paging = Paging.of(request);
    Set<Protocol> protocols = enums(request, "protocol", Protocol.class, Protocol.SAML);
    Set<IdpType> types = enums(request, "idpType", IdpType.class, IdpType.WORKFORCE);
    List<IdentityProvider> selected = select(federation, protocols, types);
    List<Object> results = new ArrayList<>();
    paging.slice(selected).forEach(idp -> results.add(render(federation, idp)));
    return Reply.json(200, paging.envelope(request, results, selected.size()));
  }

  private Reply getIdentityProvider(Route route, Caller caller) {
    Federation federation = ownedFederation(route.variable(1), caller);
    return Reply.json(200, render(federation, identityProvider(federation, route.variable(2))));
  }

  private Reply listConnectedOrgConfigs(Route route, AtlasRequest request, Caller caller) {
    Federation federation = ownedFederation(route.variable(1), caller);
    Paging paging = Paging.of(request);
    List<ConnectedOrgConfig> configs = federation.connectedOrgConfigs();
    List<Object> results = new ArrayList<>();
    paging.slice(configs).forEach(c -> results.add(render(c)));
    return Reply.json(200, paging.envelope(request, results, configs.size()));
  }

  private Reply orgFederationSettings(Route route, Caller caller) {
    String orgId = ownOrganization(route.variable(1), caller);
    Federation federation = state.federationOfOrg(orgId);
    if (federation == null) {
      throw ApiFailure.atlas(
          404,
          "RESOURCE_NOT_FOUND",
          "Organization " + orgId + " is not connected to a federation.",
          orgId);
    }
    ConnectedOrgConfig config = configOf(federation, orgId);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("federatedDomains", config.domainAllowList());
    body.put("hasRoleMappings", false);
    body.put("id", federation.id());
    if (config.identityProviderId() != null) {
      body.put("identityProviderId", config.identityProviderId());
    }
    body.put("identityProviderStatus", "ACTIVE");
    return Reply.json(200, body);
  }

  private Reply rateLimits(AtlasRequest request, Caller caller) {
    String orgId = request.param("orgId");
    if (orgId != null) {
      ownOrganization(orgId, caller);
    }
    Paging paging = Paging.of(request);
    boolean otherScope =
        request.param("groupId") != null
            || request.param("userId") != null
            || request.param("ipAddress") != null;
    List<Map<String, Object>> sets =
        otherScope ? List.of() : RateLimitSets.render(revokeLimit, readLimit);
    return Reply.json(
        200, paging.envelope(request, new ArrayList<>(paging.slice(sets)), sets.size()));
  }

  /** Returns the federation if the caller is Organization Owner in one of its organizations. */
  Federation ownedFederation(String federationSettingsId, Caller caller) {
    requireHex24("federationSettingsId", federationSettingsId);
    Federation federation = state.federation(federationSettingsId);
    if (federation == null) {
      throw ApiFailure.atlas(
          404,
          "RESOURCE_NOT_FOUND",
          "No federation settings with id " + federationSettingsId + " exist.",
          federationSettingsId);
    }
    boolean owner =
        federation.connectedOrgConfigs().stream().anyMatch(c -> c.orgId().equals(caller.orgId()));
    if (!owner) {
      throw ApiFailure.atlas(
          403,
          "NOT_ORG_OWNER",
          "Credential "
              + caller.clientId()
              + " is not Organization Owner in any organization connected to federation "
              + federationSettingsId
              + ".",
          federationSettingsId);
    }
    return federation;
  }

  /** Returns the organization id if it exists and is the caller's. */
  String ownOrganization(String orgId, Caller caller) {
    requireHex24("orgId", orgId);
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
    return orgId;
  }

  static void requireHex24(String name, String value) {
    if (!HEX24.matcher(value).matches()) {
      throw ApiFailure.atlas(
          400,
          "VALIDATION_ERROR",
          name + " must be a 24-hexadecimal digit string matching ^([a-f0-9]{24})$, got " + value,
          name,
          value);
    }
  }

  private IdentityProvider identityProvider(Federation federation, String idpId) {
    requireHex24("identityProviderId", idpId);
    IdentityProvider idp = state.identityProvider(federation, idpId);
    if (idp == null) {
      throw ApiFailure.atlas(
          404,
          "RESOURCE_NOT_FOUND",
          "No identity provider with id "
              + idpId
              + " exists in federation "
              + federation.id()
              + ".",
          idpId);
    }
    return idp;
  }

  private List<IdentityProvider> select(
      Federation federation, Set<Protocol> protocols, Set<IdpType> types) {
    String key = federation.id() + protocols + types;
    return selections.computeIfAbsent(
        key,
        k ->
            federation.identityProviders().stream()
                .filter(idp -> protocols.contains(idp.protocol()))
                .filter(idp -> types.contains(idp.idpType()))
                .toList());
  }

  private static <E extends Enum<E>> Set<E> enums(
      AtlasRequest request, String name, Class<E> type, E fallback) {
    List<String> values = request.params(name);
    if (values.isEmpty()) {
      return EnumSet.of(fallback);
    }
    Set<E> set = EnumSet.noneOf(type);
    for (String value : values) {
      try {
        set.add(Enum.valueOf(type, value));
      } catch (IllegalArgumentException e) {
        throw ApiFailure.atlas(
            400, "VALIDATION_ERROR", "Invalid value " + value + " for " + name + ".", name, value);
      }
    }
    return set;
  }

  private Map<String, Object> render(Federation federation, IdentityProvider idp) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("associatedOrgs", associatedOrgs(federation, idp));
    body.put("createdAt", FIXED_TIME);
    body.put("description", "");
    body.put("displayName", idp.displayName());
    body.put("id", idp.id());
    body.put("idpType", idp.idpType().name());
    body.put("issuerUri", idp.issuerUri());
    body.put("oktaIdpId", idp.oktaIdpId());
    body.put("protocol", idp.protocol().name());
    body.put("updatedAt", FIXED_TIME);
    if (idp.protocol() == Protocol.OIDC) {
      renderOidc(idp, body);
    } else {
      body.put("ssoDebugEnabled", false);
      body.put("status", "ACTIVE");
    }
    return body;
  }

  private static void renderOidc(IdentityProvider idp, Map<String, Object> body) {
    body.put("audience", idp.audience());
    body.put("authorizationType", "GROUP");
    body.put("groupsClaim", "groups");
    body.put("userClaim", "sub");
    if (idp.idpType() == IdpType.WORKFORCE) {
      body.put("associatedDomains", List.of());
      body.put("clientId", idp.clientId());
      body.put("requestedScopes", List.of("openid"));
    }
  }

  // Limitation: associatedOrgs repeats each org's full dataAccessIdentityProviderIds, as Atlas
  // does; a federation with thousands of IdPs therefore renders large pages.
  private List<Object> associatedOrgs(Federation federation, IdentityProvider idp) {
    List<Object> orgs = new ArrayList<>();
    for (ConnectedOrgConfig config : federation.connectedOrgConfigs()) {
      boolean associated =
          idp.protocol() == Protocol.OIDC
              ? config.dataAccessIdentityProviderIds().contains(idp.id())
              : idp.oktaIdpId() != null && idp.oktaIdpId().equals(config.identityProviderId());
      if (associated) {
        orgs.add(render(config));
      }
    }
    return orgs;
  }

  private static Map<String, Object> render(ConnectedOrgConfig config) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("dataAccessIdentityProviderIds", config.dataAccessIdentityProviderIds());
    body.put("domainAllowList", config.domainAllowList());
    body.put("domainRestrictionEnabled", config.domainRestrictionEnabled());
    if (config.identityProviderId() != null) {
      body.put("identityProviderId", config.identityProviderId());
    }
    body.put("orgId", config.orgId());
    body.put("postAuthRoleGrants", config.postAuthRoleGrants());
    body.put("roleMappings", List.of());
    return body;
  }

  private static ConnectedOrgConfig configOf(Federation federation, String orgId) {
    return federation.connectedOrgConfigs().stream()
        .filter(c -> c.orgId().equals(orgId))
        .findFirst()
        .orElseThrow();
  }

  private static Reply withMediaType(Reply reply, Endpoint endpoint) {
    if (reply.status() >= 400) {
      return reply;
    }
    return new Reply(
        reply.status(),
        List.of(new Reply.Header("Content-Type", endpoint.mediaType())),
        reply.body(),
        reply.kind());
  }
}
