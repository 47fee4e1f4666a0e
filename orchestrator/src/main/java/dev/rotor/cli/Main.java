package dev.rotor.cli;

import dev.rotor.input.InvalidInputException;
import java.io.PrintWriter;
import picocli.CommandLine;

/** Starts the {@code rotor} command line and maps every failure to a documented exit code. */
public final class Main {
  private Main() {}

  /** Runs {@code rotor} with {@code args} and exits with its exit code. */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** Returns the configured command line, for tests that run commands in-process. */
  public static CommandLine commandLine() {
    var commandLine = new CommandLine(new RootCommand());
    commandLine.setExecutionExceptionHandler(Main::handle);
    commandLine.setExitCodeExceptionMapper(e -> ExitCodes.INVALID);
    commandLine.setParameterExceptionHandler(Main::badUsage);
    documentExitCodes(commandLine);
    return commandLine;
  }

  /**
   * Lists Rotor's exit codes in the help of every command that does not list its own, and shows the
   * options' default values.
   */
  private static void documentExitCodes(CommandLine commandLine) {
    var usage = commandLine.getCommandSpec().usageMessage();
    usage.showDefaultValues(true);
    if (usage.exitCodeList().isEmpty()) {
      usage.exitCodeListHeading("%nExit codes:%n").exitCodeList(ExitCodes.help());
    }
    commandLine.getSubcommands().values().forEach(Main::documentExitCodes);
  }

  private static int badUsage(CommandLine.ParameterException e, String[] args) {
    PrintWriter err = e.getCommandLine().getErr();
    err.println(e.getMessage());
    err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
    return ExitCodes.INVALID;
  }

  private static int handle(Exception e, CommandLine commandLine, CommandLine.ParseResult parsed) {
    PrintWriter err = commandLine.getErr();
    if (e instanceof InvalidInputException invalid) {
      invalid.problems().forEach(problem -> err.println(problem.format()));
      return ExitCodes.INVALID;
    }
    err.println("rotor: internal error: " + e);
    return ExitCodes.INTERNAL;
  }
}
