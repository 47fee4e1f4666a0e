package dev.rotor.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;

/**
 * Answers the unauthenticated control API under {@code /__sandbox/}: revocations, token grants,
 * faults (read and replace) and the fleet fixture.
 */
final class ControlApi {

  static final String PREFIX = "/__sandbox/";

  private final SandboxState state;
  private final OAuthTokens tokens;
  private final FaultInjector faults;

  ControlApi(SandboxState state, OAuthTokens tokens, FaultInjector faults) {
    this.state = state;
    this.tokens = tokens;
    this.faults = faults;
  }

  Reply handle(String method, String path, String body) {
    String resource = path.substring(PREFIX.length());
    return switch (method + " " + resource) {
      case "GET revocations" -> Reply.json(200, revocations());
      case "GET token-grants" -> Reply.json(200, tokens.grantCounts());
      case "GET faults" -> Reply.json(200, faults.faults());
      case "PUT faults" -> putFaults(body);
      case "GET fleet" ->
          Reply.body(200, Reply.JSON, state.fleet().toJson().getBytes(StandardCharsets.UTF_8));
      default -> notFound(method, path);
    };
  }

  private List<Object> revocations() {
    List<Revocation> all = state.revocations();
    List<Object> rendered = new ArrayList<>(all.size());
    for (Revocation revocation : all) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("federationSettingsId", revocation.federationSettingsId());
      row.put("identityProviderId", revocation.identityProviderId());
      row.put("time", revocation.time().toString());
      row.put("eventIds", revocation.eventIds());
      row.put("clientId", revocation.clientId());
      rendered.add(row);
    }
    return rendered;
  }

  private Reply putFaults(String body) {
    try {
      Faults parsed = Json.MAPPER.readValue(body, Faults.class);
      faults.setFaults(parsed);
      return Reply.json(200, parsed);
    } catch (JacksonException | IllegalArgumentException e) {
      String detail = e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage();
      return Reply.json(
          400, ApiFailure.atlasBody(400, "VALIDATION_ERROR", "Invalid faults: " + detail));
    }
  }

  private static Reply notFound(String method, String path) {
    return Reply.json(
        404,
        ApiFailure.atlasBody(
            404, "RESOURCE_NOT_FOUND", "No control resource " + method + " " + path));
  }
}
