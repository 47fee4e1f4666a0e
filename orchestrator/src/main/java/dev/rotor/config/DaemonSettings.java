package dev.rotor.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Tunes the scheduler daemon: where its ops endpoints listen and how fast a cluster of daemons
 * notices a dead node.
 *
 * @param httpHost the address the ops endpoints bind to, loopback by default
 * @param httpPort the port of the ops endpoints; 0 picks a free port
 * @param bearerToken when set, every ops endpoint but {@code /health/*} requires it
 * @param checkinInterval how often a clustered node checks in with the others
 * @param staleRunAfter a run whose owner has not heartbeated for this long is resumed elsewhere;
 *     the engine claims a run only after 30 s of silence, so a shorter value is raised to that
 * @param planPollInterval how often the plans folder is checked for changed files
 */
public record DaemonSettings(
    String httpHost,
    int httpPort,
    @Nullable Secret bearerToken,
    Duration checkinInterval,
    Duration staleRunAfter,
    Duration planPollInterval) {

  public DaemonSettings {
    requireNonNull(httpHost, "httpHost");
    requireNonNull(checkinInterval, "checkinInterval");
    requireNonNull(staleRunAfter, "staleRunAfter");
    requireNonNull(planPollInterval, "planPollInterval");
  }

  /** Returns the defaults: loopback port 8090, no token, check-in every 7 s, stale after 30 s. */
  public static DaemonSettings defaults() {
    return new DaemonSettings(
        "127.0.0.1",
        8090,
        null,
        Duration.ofSeconds(7),
        Duration.ofSeconds(30),
        Duration.ofSeconds(5));
  }

  /** Returns a copy listening on {@code port}. */
  public DaemonSettings withHttpPort(int port) {
    return new DaemonSettings(
        httpHost, port, bearerToken, checkinInterval, staleRunAfter, planPollInterval);
  }

  /** Returns a copy with other cluster timings. */
  public DaemonSettings withTimings(Duration checkin, Duration staleAfter, Duration planPoll) {
    return new DaemonSettings(httpHost, httpPort, bearerToken, checkin, staleAfter, planPoll);
  }

  /** Returns a copy that requires {@code token} on the ops endpoints. */
  public DaemonSettings withBearerToken(@Nullable Secret token) {
    return new DaemonSettings(
        httpHost, httpPort, token, checkinInterval, staleRunAfter, planPollInterval);
  }
}
