package dev.rotor.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads {@code report.json} files of every schema version this Rotor knows, upgrading older ones to
 * the current shape, so a report written years ago still reads.
 *
 * <p>Note that a report is read whole: this is for tools and tests, not for the 100,000-target
 * path, which only writes.
 */
public final class RunReports {
  /** The newest schema version this Rotor reads (and writes). */
  public static final int CURRENT_VERSION = JsonReportSink.SCHEMA_VERSION;

  private RunReports() {}

  /**
   * Reads the report at {@code file}.
   *
   * @throws IllegalArgumentException if it is not a report, or was written by a newer Rotor
   */
  public static RunReport read(Path file) {
    try {
      JsonNode tree = Reports.JSON.readTree(Files.readAllBytes(file));
      if (!(tree instanceof ObjectNode object)) {
        throw new IllegalArgumentException(file + " is not a run report: not a JSON object");
      }
      return Reports.JSON.treeToValue(upgrade(object, file), RunReport.class);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the report " + file, e);
    } catch (JacksonException e) {
      throw new IllegalArgumentException(file + " is not a valid run report: " + e.getMessage(), e);
    }
  }

  /** Returns the report in the current version's shape, upgrading one version at a time. */
  private static ObjectNode upgrade(ObjectNode report, Path file) {
    int version = report.path("schemaVersion").asInt(0);
    if (version < 1 || version > CURRENT_VERSION) {
      throw new IllegalArgumentException(
          file
              + " has schemaVersion "
              + report.path("schemaVersion")
              + "; this Rotor reads 1 to "
              + CURRENT_VERSION);
    }
    // A version 2 adds a step here, such as: if (version == 1) { report = fromV1(report); }
    return report;
  }
}
