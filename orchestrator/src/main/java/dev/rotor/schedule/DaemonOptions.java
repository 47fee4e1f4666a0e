package dev.rotor.schedule;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * What the command line tells the daemon beyond the configuration file.
 *
 * @param plansDir the folder of plan files, watched for changes
 * @param httpPort the port of the ops endpoints, overriding the configuration when not null
 * @param nodeId this node's id in the journal and in Quartz, unique in a cluster
 */
public record DaemonOptions(Path plansDir, @Nullable Integer httpPort, String nodeId) {

  public DaemonOptions {
    requireNonNull(plansDir, "plansDir");
    requireNonNull(nodeId, "nodeId");
  }

  /**
   * Returns the options with the default node id, {@code host-pid}, when {@code nodeId} is null.
   */
  public static DaemonOptions of(
      Path plansDir, @Nullable Integer httpPort, @Nullable String nodeId) {
    return new DaemonOptions(plansDir, httpPort, nodeId != null ? nodeId : defaultNodeId());
  }

  /** Returns {@code host-pid}: unique among running processes, different after a restart. */
  public static String defaultNodeId() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "node";
    }
    return host + "-" + ProcessHandle.current().pid();
  }
}
