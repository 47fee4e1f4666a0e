package dev.rotor.cli;

import picocli.CommandLine.Command;

/** The {@code rotor} command: revokes the JWKS of Atlas OIDC identity providers, in bulk. */
@Command(
    name = "rotor",
    description = {
      "Revokes the JWKS of MongoDB Atlas OIDC identity providers across many federations,",
      "on a schedule or on demand, and reports what happened to every identity provider."
    },
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    subcommands = {
      ValidateCommand.class,
      PlanCommand.class,
      RunCommand.class,
      ResumeCommand.class,
      RunsCommand.class,
      ReportCommand.class,
      DaemonCommand.class,
      SandboxCommand.class,
      DemoCommand.class
    })
final class RootCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }
}
