package dev.rotor.cli;

import dev.rotor.config.RotorConfig;
import dev.rotor.schedule.Daemon;
import dev.rotor.schedule.DaemonOptions;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Runs the scheduler: fires every plan that has a schedule, on time and once. */
@Command(
    name = "daemon",
    description = "Runs the scheduler: fires every plan that has a schedule, on time and once.",
    mixinStandardHelpOptions = true,
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:stopped by a signal after draining its runs",
      "2:bad usage or invalid input (nothing was sent to Atlas)",
      "4:internal error"
    })
final class DaemonCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ConfigOption config;

  @Option(
      names = "--plans",
      paramLabel = "DIR",
      description = "Folder of plan files, watched for changes (default: plans).")
  Path plans = Path.of("plans");

  @Option(
      names = "--http-port",
      paramLabel = "PORT",
      description = "Port of the ops endpoints (default: daemon.httpPort, 8090; 0 picks one).")
  @Nullable Integer httpPort;

  @Option(
      names = "--node-id",
      paramLabel = "ID",
      description = "This node's id in a cluster, unique among the nodes (default: host-pid).")
  @Nullable String nodeId;

  @Override
  public Integer call() throws InterruptedException {
    RotorConfig settings = config.load();
    DaemonOptions options = DaemonOptions.of(plans, httpPort, nodeId);
    Daemon daemon = Daemon.start(settings, options);
    Runtime.getRuntime().addShutdownHook(new Thread(daemon::close, "rotor-shutdown"));
    spec.commandLine()
        .getOut()
        .printf(
            "rotor daemon: node %s, plans in %s, ops endpoints on port %d%n",
            daemon.nodeId(), plans, daemon.httpPort());
    spec.commandLine().getOut().flush();
    daemon.awaitClosed();
    return ExitCodes.OK;
  }
}
