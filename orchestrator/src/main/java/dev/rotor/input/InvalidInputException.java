package dev.rotor.input;

import java.util.List;
import java.util.stream.Collectors;

/** Reports every problem found in an input file at once, one line each. */
public final class InvalidInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<Problem> problems;

  /** Creates the exception; {@code problems} must not be empty. */
  public InvalidInputException(List<Problem> problems) {
    super(problems.stream().map(Problem::format).collect(Collectors.joining("\n")));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("an invalid input needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  /** Returns the problems, in the order they were found. */
  public List<Problem> problems() {
    return problems;
  }
}
