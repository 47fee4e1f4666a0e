package dev.rotor.report;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Lists the files of a report folder with their SHA-256, and links to the manifest of the plan's
 * previous run so that a deleted or altered run is detected. {@code manifest.sig} signs the exact
 * bytes of {@code manifest.json}.
 *
 * @param startedAt when the run started, ISO-8601 UTC; orders the chain
 * @param tenant the only tenant reported on, or null for the whole run
 * @param previous the previous run of the same plan, or null for the first run in the folder or a
 *     per-tenant folder
 */
public record Manifest(
    int schemaVersion,
    String runId,
    String planName,
    String startedAt,
    @Nullable String tenant,
    List<FileDigest> files,
    @Nullable Link previous) {

  /** The name of the manifest in a report folder. */
  public static final String FILE = "manifest.json";

  /** The name of the signature of the manifest in a report folder. */
  public static final String SIGNATURE = "manifest.sig";

  /** Copies the files. */
  public Manifest {
    files = List.copyOf(files);
  }

  /** Names one file of the folder, its SHA-256 in hex and its size in bytes. */
  public record FileDigest(String name, String sha256, long size) {}

  /** Points at the previous run's manifest by run id and the SHA-256 of its bytes. */
  public record Link(String runId, String manifestSha256) {}
}
