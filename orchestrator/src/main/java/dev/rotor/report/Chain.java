package dev.rotor.report;

import dev.rotor.journal.RunRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Links each run's manifest to the manifest of the same plan's previous run, by run start time, and
 * reads the runs of a plan folder in that order.
 *
 * <p>Note that the link is made when a run's report is written: a report rewritten for an earlier
 * run with other content (a run resumed after a later run was reported) breaks the later link, and
 * verification says so.
 */
final class Chain {
  private static final Logger log = LoggerFactory.getLogger(Chain.class);

  /** Orders runs by start time, then run id. */
  static final Comparator<Manifest> ORDER =
      Comparator.comparing((Manifest m) -> Instant.parse(m.startedAt()))
          .thenComparing(Manifest::runId);

  private Chain() {}

  /** Pairs a run folder with its manifest and the manifest's exact bytes. */
  record Link(Path dir, Manifest manifest, byte[] bytes) {}

  /** Returns the link to the latest run of the plan folder that started before {@code run}. */
  static Manifest.@Nullable Link previous(@Nullable Path planDir, RunRecord run) {
    if (planDir == null) {
      return null;
    }
    Manifest self =
        new Manifest(
            1, run.runId(), run.planName(), Reports.time(run.startedAt()), null, List.of(), null);
    Optional<Link> before =
        runs(planDir).stream()
            .filter(l -> !l.manifest().runId().equals(run.runId()))
            .filter(l -> ORDER.compare(l.manifest(), self) < 0)
            .max((a, b) -> ORDER.compare(a.manifest(), b.manifest()));
    return before
        .map(l -> new Manifest.Link(l.manifest().runId(), Digests.sha256(l.bytes())))
        .orElse(null);
  }

  /** Returns the run folders of a plan folder that hold a readable manifest, in chain order. */
  static List<Link> runs(Path planDir) {
    List<Link> links = new ArrayList<>();
    for (Path dir : folders(planDir)) {
      read(dir).ifPresent(links::add);
    }
    links.sort((a, b) -> ORDER.compare(a.manifest(), b.manifest()));
    return links;
  }

  /**
   * Returns the folders directly under {@code dir} in name order (a plan's runs, a run's tenant
   * slices); none if it is not a folder.
   */
  static List<Path> folders(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> children = Files.list(dir)) {
      return children.filter(Files::isDirectory).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + dir, e);
    }
  }

  /** Reads the manifest of a run folder, if it has a readable one. */
  static Optional<Link> read(Path dir) {
    Path file = dir.resolve(Manifest.FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      byte[] bytes = Files.readAllBytes(file);
      return Optional.of(new Link(dir, Reports.JSON.readValue(bytes, Manifest.class), bytes));
    } catch (IOException | RuntimeException e) {
      log.warn("unreadable manifest file={} error={}", file, e.toString());
      return Optional.empty();
    }
  }
}
