package dev.rotor.config;

import java.net.URI;
import java.time.Duration;

/**
 * Tells the Atlas client where Atlas is and how to talk to it.
 *
 * @param baseUrl scheme, host and port of Atlas, {@code https://cloud.mongodb.com} by default
 * @param maxConnections the size of the one connection pool shared by every call to Atlas
 * @param tokenRefreshMargin how long before its expiry an OAuth token is fetched anew
 */
public record AtlasSettings(
    URI baseUrl,
    ApiVersions versions,
    Duration connectTimeout,
    Duration responseTimeout,
    int maxConnections,
    Duration tokenRefreshMargin) {

  /** The public Atlas endpoint. */
  public static final URI DEFAULT_BASE_URL = URI.create("https://cloud.mongodb.com");

  /** Returns the settings used when the config file says nothing. */
  public static AtlasSettings defaults() {
    return new AtlasSettings(
        DEFAULT_BASE_URL,
        ApiVersions.defaults(),
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        256,
        Duration.ofMinutes(5));
  }

  /** Returns a copy that targets {@code url}. */
  public AtlasSettings withBaseUrl(URI url) {
    return new AtlasSettings(
        url, versions, connectTimeout, responseTimeout, maxConnections, tokenRefreshMargin);
  }

  /** Returns a copy with another response timeout. */
  public AtlasSettings withResponseTimeout(Duration timeout) {
    return new AtlasSettings(
        baseUrl, versions, connectTimeout, timeout, maxConnections, tokenRefreshMargin);
  }
}
