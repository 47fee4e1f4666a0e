package dev.rotor.cli;

import dev.rotor.sandbox.BucketLimit;
import dev.rotor.sandbox.Faults;
import dev.rotor.sandbox.Fleet;
import dev.rotor.sandbox.FleetFiles;
import dev.rotor.sandbox.SandboxServer;
import dev.rotor.sandbox.SandboxSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Runs the embedded Atlas sandbox in the foreground ({@code rotor sandbox}) or writes a fleet with
 * its plan and configuration ({@code rotor sandbox fleet --out DIR}).
 *
 * <p>The first line the server prints is exactly the URL it serves, so scripts can read it.
 */
@Command(
    name = "sandbox",
    mixinStandardHelpOptions = true,
    description = "Serves an embedded imitation of the Atlas Admin API on this machine.",
    subcommands = SandboxCommand.FleetCommand.class)
public final class SandboxCommand implements Callable<Integer> {

  static final int OK = 0;
  static final int BAD_INPUT = 2;
  static final int INTERNAL_ERROR = 4;

  @Spec private @Nullable CommandSpec spec;

  @Option(names = "--port", defaultValue = "8089", description = "Port to bind (0: any free).")
  private int port;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind.")
  private String host = "127.0.0.1";

  @Mixin private FleetOptions fleetOptions = new FleetOptions();

  @Option(
      names = "--token-lifetime",
      defaultValue = "PT1H",
      description = "Access token lifetime (ISO-8601).")
  private Duration tokenLifetime = Duration.ofHours(1);

  @Option(
      names = "--revoke-capacity",
      defaultValue = "100",
      description = "Revoke bucket size, per organization.")
  private long revokeCapacity;

  @Option(names = "--revoke-refill", defaultValue = "100", description = "Tokens per period.")
  private long revokeRefill;

  @Option(names = "--revoke-period", defaultValue = "PT60S", description = "Refill period.")
  private Duration revokePeriod = Duration.ofSeconds(60);

  @Option(
      names = "--latency-ms",
      defaultValue = "0",
      description = "Added latency of every Atlas answer.")
  private long latencyMs;

  @Option(names = "--jitter-ms", defaultValue = "0", description = "Random extra latency bound.")
  private long jitterMs;

  @Option(names = "--error-500-ratio", defaultValue = "0", description = "Share of 500 answers.")
  private double error500Ratio;

  @Option(names = "--error-503-ratio", defaultValue = "0", description = "Share of 503 answers.")
  private double error503Ratio;

  @Option(
      names = "--hang-after-apply-ratio",
      defaultValue = "0",
      description = "Share of applied revocations never answered.")
  private double hangAfterApplyRatio;

  @Option(
      names = "--drop-before-apply-ratio",
      defaultValue = "0",
      description = "Share of connections closed before applying.")
  private double dropBeforeApplyRatio;

  @Option(
      names = "--drop-after-apply-ratio",
      defaultValue = "0",
      description = "Share of connections closed after applying.")
  private double dropAfterApplyRatio;

  @Option(names = "--fault-seed", defaultValue = "42", description = "Seed of the fault draws.")
  private long faultSeed;

  /** Starts the sandbox, prints its URL and a summary, and waits until the process is stopped. */
  @Override
  public Integer call() {
    PrintWriter out = spec().commandLine().getOut();
    PrintWriter err = spec().commandLine().getErr();
    SandboxSettings settings;
    try {
      settings = settings();
    } catch (IllegalArgumentException | UncheckedIOException e) {
      err.println("rotor sandbox: " + e.getMessage());
      return BAD_INPUT;
    }
    try (SandboxServer server = SandboxServer.start(settings)) {
      printBanner(out, server);
      Runtime.getRuntime().addShutdownHook(new Thread(server::close, "sandbox-shutdown"));
      server.onDispose().block();
      return OK;
    } catch (RuntimeException e) {
      err.println("rotor sandbox: failed to serve on " + host + ":" + port + ": " + e);
      return INTERNAL_ERROR;
    }
  }

  private SandboxSettings settings() {
    Faults faults =
        new Faults(
            latencyMs,
            jitterMs,
            error500Ratio,
            error503Ratio,
            hangAfterApplyRatio,
            dropBeforeApplyRatio,
            dropAfterApplyRatio);
    return SandboxSettings.of(fleetOptions.fleet())
        .withHost(host)
        .withPort(port)
        .withTokenLifetime(tokenLifetime)
        .withRevokeLimit(new BucketLimit(revokeCapacity, revokeRefill, revokePeriod))
        .withFaults(faults)
        .withFaultSeed(faultSeed);
  }

  private static void printBanner(PrintWriter out, SandboxServer server) {
    Fleet fleet = server.fleet();
    out.println(server.baseUrl());
    out.printf(
        "Atlas sandbox: %d organizations, %d federations, %d identity providers,"
            + " %d service accounts, %d API keys%n",
        fleet.organizations().size(),
        fleet.federations().size(),
        fleet.identityProviderCount(),
        fleet.serviceAccounts().size(),
        fleet.apiKeys().size());
    out.printf("Control API: %s/__sandbox/revocations, /__sandbox/faults%n", server.baseUrl());
    out.println("Stop with Ctrl-C.");
    out.flush();
  }

  private CommandSpec spec() {
    if (spec == null) {
      throw new IllegalStateException("picocli did not inject the command spec");
    }
    return spec;
  }

  /** Chooses the fleet: a fixture file, generation options, or the bundled demo. */
  static final class FleetOptions {
    @Option(names = "--fixture", description = "Fleet fixture JSON file.")
    @Nullable Path fixture;

    @Option(names = "--tenants", description = "Generate this many tenants.")
    @Nullable Integer tenants;

    @Option(
        names = "--federations-per-tenant",
        defaultValue = "1",
        description = "Federations of each generated tenant.")
    int federationsPerTenant = 1;

    @Option(
        names = "--idps-per-federation",
        defaultValue = "10",
        description = "Identity providers of each generated federation (every tenth is SAML).")
    int idpsPerFederation = 10;

    @Option(names = "--seed", defaultValue = "42", description = "Generation seed.")
    long seed = 42;

    Fleet fleet() {
      if (fixture != null && tenants != null) {
        throw new IllegalArgumentException("Use either --fixture or --tenants, not both");
      }
      if (fixture != null) {
        return Fleet.read(fixture);
      }
      if (tenants != null) {
        return Fleet.generate(tenants, federationsPerTenant, idpsPerFederation, seed);
      }
      return Fleet.demo();
    }

    String describe() {
      if (fixture != null) {
        return "Generated by rotor sandbox fleet from " + fixture.getFileName();
      }
      if (tenants != null) {
        return "Generated by rotor sandbox fleet (seed " + seed + ")";
      }
      return "Generated by rotor sandbox fleet (demo fleet)";
    }
  }

  /** Writes {@code fleet.json}, {@code plan.yaml}, {@code rotor.yaml} and {@code rotor.env}. */
  @Command(
      name = "fleet",
      mixinStandardHelpOptions = true,
      description = "Writes a sandbox fleet with Rotor's plan, configuration and environment.")
  static final class FleetCommand implements Callable<Integer> {

    @Spec private @Nullable CommandSpec spec;

    @Mixin private FleetOptions fleetOptions = new FleetOptions();

    @Option(names = "--out", required = true, description = "Directory to write into.")
    private Path out = Path.of(".");

    @Option(
        names = "--base-url",
        defaultValue = "http://127.0.0.1:8089",
        description = "Sandbox URL for rotor.yaml.")
    private String baseUrl = "http://127.0.0.1:8089";

    /** Writes the four files and lists them. */
    @Override
    public Integer call() {
      if (spec == null) {
        throw new IllegalStateException("picocli did not inject the command spec");
      }
      PrintWriter stdout = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      FleetFiles files;
      try {
        files = filesFor(fleetOptions.fleet());
      } catch (IllegalArgumentException | UncheckedIOException e) {
        err.println("rotor sandbox fleet: " + e.getMessage());
        return BAD_INPUT;
      }
      try {
        files.write(out).forEach(stdout::println);
        stdout.flush();
        return OK;
      } catch (IOException e) {
        err.println("rotor sandbox fleet: failed to write into " + out + ": " + e.getMessage());
        return INTERNAL_ERROR;
      }
    }

    private FleetFiles filesFor(Fleet fleet) {
      BucketLimit limit = SandboxSettings.of(fleet).revokeLimit();
      return new FleetFiles(fleet, baseUrl, limit, fleetOptions.describe());
    }
  }
}
