package dev.rotor.report;

import java.util.List;

/**
 * Tells what a verification checked and every problem it found, each naming the file or run at
 * fault; no problem means intact.
 */
public record Verification(List<String> checked, List<String> problems) {

  /** Copies the lists. */
  public Verification {
    checked = List.copyOf(checked);
    problems = List.copyOf(problems);
  }

  /** Returns whether nothing was found wrong. */
  public boolean ok() {
    return problems.isEmpty();
  }
}
