package dev.rotor.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/** The exit codes of every {@code rotor} command, as README and {@code --help} document them. */
public final class ExitCodes {
  /** Success. */
  public static final int OK = 0;

  /** The run finished, but some identity providers failed or have an unknown outcome. */
  public static final int INCOMPLETE = 1;

  /** Bad usage or invalid input: nothing was sent to Atlas. */
  public static final int INVALID = 2;

  /** Aborted: a safety guard tripped, the window closed, or a signal stopped the run. */
  public static final int ABORTED = 3;

  /** Internal error. */
  public static final int INTERNAL = 4;

  /** The exit codes that {@code --help} lists for a command that does not list its own. */
  static Map<String, String> help() {
    Map<String, String> codes = new LinkedHashMap<>();
    codes.put(" 0", "success");
    codes.put(
        " 1", "the run finished but some identity providers failed or have an unknown outcome");
    codes.put(" 2", "bad usage or invalid input (nothing was sent to Atlas)");
    codes.put(
        " 3", "aborted: a safety guard tripped, the window closed, or a signal stopped the run");
    codes.put(" 4", "internal error");
    return codes;
  }

  private ExitCodes() {}
}
