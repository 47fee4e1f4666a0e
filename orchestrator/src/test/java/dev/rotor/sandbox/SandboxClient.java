package dev.rotor.sandbox;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls a sandbox over real HTTP with the JDK client, as an Atlas client would. */
final class SandboxClient {

  static final String REVOKE_ACCEPT = "application/vnd.atlas.2023-11-15+json";
  static final String READ_ACCEPT = "application/vnd.atlas.2023-01-01+json";
  static final String LATEST_ACCEPT = "application/vnd.atlas.2025-03-12+json";

  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final Pattern PARAM = Pattern.compile("(\\w+)=\"?([^\",]*)\"?");

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String baseUrl;

  SandboxClient(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  static JsonNode json(HttpResponse<String> response) {
    return MAPPER.readTree(response.body());
  }

  HttpResponse<String> token(String clientId, String secret) {
    String basic =
        Base64.getEncoder()
            .encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
    return send(
        HttpRequest.newBuilder(URI.create(baseUrl + "/api/oauth/token"))
            .header("Authorization", "Basic " + basic)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
            .build());
  }

  HttpResponse<String> form(String path, String clientId, String secret, String form) {
    String basic =
        Base64.getEncoder()
            .encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
    return send(
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .header("Authorization", "Basic " + basic)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build());
  }

  String accessToken(String clientId, String secret) {
    HttpResponse<String> response = token(clientId, secret);
    if (response.statusCode() != 200) {
      throw new AssertionError("token endpoint answered " + response.statusCode());
    }
    return json(response).get("access_token").asString();
  }

  HttpResponse<String> revoke(String bearer, String fsId, String idpId) {
    return call("DELETE", revokePath(fsId, idpId), bearer, REVOKE_ACCEPT);
  }

  static String revokePath(String fsId, String idpId) {
    return "/api/atlas/v2/federationSettings/" + fsId + "/identityProviders/" + idpId + "/jwks";
  }

  HttpResponse<String> call(String method, String path, String bearer, String accept) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(Duration.ofSeconds(10))
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    if (accept != null) {
      request.header("Accept", accept);
    }
    return send(request.build());
  }

  HttpResponse<String> withTimeout(String method, String path, String bearer, Duration timeout)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(timeout)
            .header("Authorization", "Bearer " + bearer)
            .header("Accept", REVOKE_ACCEPT)
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> digest(String method, String path, String authorization) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .header("Accept", LATEST_ACCEPT)
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return send(request.build());
  }

  HttpResponse<String> put(String path, String body) {
    return send(
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET().build());
  }

  /** Returns the parameters of a Digest challenge. */
  static Map<String, String> challenge(HttpResponse<String> response) {
    String header =
        response.headers().allValues("WWW-Authenticate").stream()
            .filter(h -> h.startsWith("Digest"))
            .findFirst()
            .orElseThrow();
    Map<String, String> params = new HashMap<>();
    Matcher m = PARAM.matcher(header.substring("Digest".length()));
    while (m.find()) {
      params.put(m.group(1), m.group(2));
    }
    return params;
  }

  /**
   * Returns a Digest Authorization header computed as RFC 7616 says, independently of the server.
   */
  static String digestHeader(
      String user, String password, String method, String uri, String nonce, int nc) {
    String realm = "MMS Public API";
    String cnonce = "0a4f113b";
    String count = String.format("%08x", nc);
    String ha1 = md5(user + ":" + realm + ":" + password);
    String ha2 = md5(method + ":" + uri);
    String response = md5(ha1 + ":" + nonce + ":" + count + ":" + cnonce + ":auth:" + ha2);
    return "Digest username=\""
        + user
        + "\", realm=\""
        + realm
        + "\", nonce=\""
        + nonce
        + "\", uri=\""
        + uri
        + "\", algorithm=MD5, qop=auth, nc="
        + count
        + ", cnonce=\""
        + cnonce
        + "\", response=\""
        + response
        + "\"";
  }

  private static String md5(String text) {
    try {
      java.security.MessageDigest md5 = java.security.MessageDigest.getInstance("MD5");
      return java.util.HexFormat.of().formatHex(md5.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
