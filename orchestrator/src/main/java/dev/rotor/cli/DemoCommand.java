package dev.rotor.cli;

import dev.rotor.config.RotorConfig;
import dev.rotor.engine.Preview;
import dev.rotor.engine.RunRequest;
import dev.rotor.plan.Plan;
import dev.rotor.plan.PlanLoader;
import dev.rotor.sandbox.Faults;
import dev.rotor.sandbox.Revocation;
import dev.rotor.sandbox.SandboxServer;
import dev.rotor.sandbox.SandboxSettings;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Runs the demo plan against the embedded sandbox. */
@Command(
    name = "demo",
    description = {
      "Starts the embedded Atlas sandbox with the demo fleet and runs plans/demo.yaml against it:",
      "the preview, the run with its progress, the summary and the report, then the sandbox's own",
      "record of what was revoked."
    },
    mixinStandardHelpOptions = true)
final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ConfigOption config;

  @Option(
      names = "--plan",
      paramLabel = "FILE",
      description = "The plan to run (default: plans/demo.yaml).")
  Path plan = Path.of("plans", "demo.yaml");

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Faults latency = Faults.NONE.withLatency(30, 20);
    try (SandboxServer sandbox =
        SandboxServer.start(SandboxSettings.defaults().withFaults(latency))) {
      out.println("Atlas sandbox with the demo fleet on " + sandbox.baseUrl());
      RotorConfig loaded = onSandbox(config.load(), sandbox.baseUrl());
      Plan parsed = PlanLoader.load(plan, loaded.credentials().keySet());
      int code = run(loaded, parsed, out);
      check(sandbox.revocations(), out);
      return code;
    }
  }

  private static RotorConfig onSandbox(RotorConfig loaded, String baseUrl) {
    return loaded.withAtlas(loaded.atlas().withBaseUrl(URI.create(baseUrl)));
  }

  private int run(RotorConfig loaded, Plan parsed, PrintWriter out) {
    try (Session session = Session.open(loaded)) {
      Preview preview = session.engine().preview(parsed, true).block();
      PreviewPrinter.text(preview, out);
      // The sandbox is new at every demo: a cooldown left by an earlier demo would skip everything.
      var request = new RunRequest(parsed, false, true, Session.who(), "rotor demo");
      return Runner.drive(
          session,
          out,
          spec.commandLine().getErr(),
          (control, progress) -> session.engine().run(request, preview, control, progress));
    }
  }

  private static void check(List<Revocation> revocations, PrintWriter out) {
    Set<String> seen = new HashSet<>();
    long twice =
        revocations.stream()
            .filter(r -> !seen.add(r.federationSettingsId() + "/" + r.identityProviderId()))
            .count();
    out.println(
        "Sandbox record: "
            + revocations.size()
            + " revocations applied, "
            + seen.size()
            + " distinct identity providers, "
            + twice
            + " revoked twice");
    out.flush();
  }
}
