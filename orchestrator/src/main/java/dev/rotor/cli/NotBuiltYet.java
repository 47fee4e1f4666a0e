package dev.rotor.cli;

import java.io.PrintWriter;

/** Says plainly that a command exists but its capability has not been delivered yet. */
final class NotBuiltYet {
  private NotBuiltYet() {}

  /** Prints why the command cannot run and returns the usage exit code. */
  static int refuse(PrintWriter err, String command, String capability) {
    err.println(
        "rotor "
            + command
            + ": not built yet ("
            + capability
            + " has not landed); nothing was done.");
    return ExitCodes.INVALID;
  }
}
