package dev.rotor.journal;

/** Reports that the journal's database failed an operation; the message names the operation. */
public final class JournalException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Returns an exception for {@code operation}, caused by {@code cause}. */
  public JournalException(String operation, Throwable cause) {
    super("Journal failed to " + operation + ": " + cause.getMessage(), cause);
  }
}
