package dev.rotor.cli;

import dev.rotor.atlas.AtlasClient;
import dev.rotor.config.RotorConfig;
import dev.rotor.engine.Engine;
import dev.rotor.journal.Journal;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Wires what a command needs to run plans: the journal, the Atlas client and the engine, opened
 * together and closed together (the client revokes its tokens on close).
 */
final class Session implements AutoCloseable {
  private final RotorConfig config;
  private final Journal journal;
  private final AtlasClient atlas;
  private final Engine engine;

  private Session(RotorConfig config, MeterRegistry registry, String nodeId) {
    this.config = config;
    this.journal = Journal.open(config.store());
    this.atlas = AtlasClient.create(config.atlas(), Clock.systemUTC(), registry);
    this.engine = new Engine(config, journal, atlas, Clock.systemUTC(), registry, nodeId);
  }

  /** Opens a session for a command run by a person on this machine. */
  static Session open(RotorConfig config) {
    return new Session(
        config, new SimpleMeterRegistry(), "cli-" + host() + "-" + ProcessHandle.current().pid());
  }

  /**
   * Returns whether {@code nodeId} names a command-line process of this machine that has ended, so
   * that its run can be taken over at once rather than after its heartbeat goes stale.
   */
  static boolean deadLocalProcess(@Nullable String nodeId) {
    String prefix = "cli-" + host() + "-";
    if (nodeId == null || !nodeId.startsWith(prefix)) {
      return false;
    }
    try {
      long pid = Long.parseLong(nodeId.substring(prefix.length()));
      return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** Returns {@code user@host}, the way runs record who started them. */
  static String who() {
    return System.getProperty("user.name", "unknown") + "@" + host();
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }

  RotorConfig config() {
    return config;
  }

  Journal journal() {
    return journal;
  }

  Engine engine() {
    return engine;
  }

  /** Writes the run's reports from the journal; returns the run's report folder. */
  Path writeReports(String runId) {
    return Reports.write(journal, runId, config);
  }

  @Override
  public void close() {
    engine.close();
    atlas.shutdown(Duration.ofSeconds(5)).onErrorComplete().block(Duration.ofSeconds(10));
    journal.close();
  }
}
