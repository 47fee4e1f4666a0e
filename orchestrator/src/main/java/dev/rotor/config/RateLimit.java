package dev.rotor.config;

import static dev.rotor.input.Checker.path;

import dev.rotor.input.Checker;
import dev.rotor.input.Node;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A token bucket as Atlas expresses it: {@code capacity} requests at once, {@code refill} requests
 * added back every {@code period}.
 */
public record RateLimit(long capacity, long refill, Duration period) {
  private static final List<String> FIELDS = List.of("capacity", "refill", "period");

  /** Returns the steady rate in requests per second. */
  public double perSecond() {
    return refill / (period.toNanos() / 1e9);
  }

  /**
   * Reads a {@code {capacity, refill, period}} mapping, recording its problems in {@code check}.
   */
  public static Optional<RateLimit> read(Checker check, Node node, String at) {
    Optional<Node.Mapping> mapping = check.mapping(node, at);
    if (mapping.isEmpty()) {
      return Optional.empty();
    }
    Node.Mapping m = mapping.get();
    check.onlyFields(m, at, FIELDS);
    var capacity =
        check.required(m, at, "capacity").flatMap(n -> check.integer(n, path(at, "capacity"), 1));
    var refill =
        check.required(m, at, "refill").flatMap(n -> check.integer(n, path(at, "refill"), 1));
    var period =
        check.required(m, at, "period").flatMap(n -> check.duration(n, path(at, "period")));
    if (capacity.isEmpty() || refill.isEmpty() || period.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new RateLimit(capacity.get(), refill.get(), period.get()));
  }
}
