package dev.rotor.input;

/**
 * One thing wrong with an input file, located precisely enough to fix it without searching.
 *
 * @param source the file, as the user named it
 * @param line 1-based line, or 0 when the problem concerns the whole file
 * @param column 1-based column, or 0 when unknown
 * @param path the field, as in {@code tenants[1].federations[0].federationSettingsId}
 * @param message what is wrong, and what was expected
 */
public record Problem(String source, int line, int column, String path, String message) {

  /** Returns the problem as one line: {@code file:line:column: path: message}. */
  public String format() {
    var where = line > 0 ? source + ":" + line + ":" + column : source;
    return path.isEmpty() ? where + ": " + message : where + ": " + path + ": " + message;
  }

  @Override
  public String toString() {
    return format();
  }
}
