package dev.rotor.atlas;

import io.netty.handler.codec.http.HttpMethod;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP request to Atlas before authentication.
 *
 * @param target the path and query exactly as sent, also the Digest {@code uri}
 * @param form an {@code application/x-www-form-urlencoded} body, or null for none
 * @param ids the ids the request concerns, for logs ({@code fs=... idp=...})
 */
record AtlasRequest(
    Endpoint endpoint, HttpMethod method, String target, @Nullable String form, String ids) {

  static AtlasRequest get(Endpoint endpoint, String target, String ids) {
    return new AtlasRequest(endpoint, HttpMethod.GET, target, null, ids);
  }

  static AtlasRequest delete(Endpoint endpoint, String target, String ids) {
    return new AtlasRequest(endpoint, HttpMethod.DELETE, target, null, ids);
  }

  static AtlasRequest postForm(Endpoint endpoint, String target, String form, String ids) {
    return new AtlasRequest(endpoint, HttpMethod.POST, target, form, ids);
  }
}
