package dev.rotor.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Checks report folders: every file against the SHA-256 its manifest lists, the manifest against
 * its Ed25519 signature, and a plan's runs against the chain of manifests that link them.
 */
public final class ReportVerifier {
  /** The folder of a run's report that holds its per-tenant slices. */
  static final String TENANTS = "tenants";

  private ReportVerifier() {}

  /**
   * Verifies one report folder (a run's, or a tenant's) with {@code key}, and the tenant slices
   * written into it ({@code tenants/NAME/}, each with a manifest of its own).
   */
  public static Verification verifyRun(Path dir, PublicKey key) {
    List<String> checked = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    verifyFolder(dir, key, checked, problems);
    for (Path slice : Chain.folders(dir.resolve(TENANTS))) {
      verifyFolder(slice, key, checked, problems);
    }
    return new Verification(checked, problems);
  }

  private static void verifyFolder(
      Path dir, PublicKey key, List<String> checked, List<String> problems) {
    Optional<Chain.Link> link = Chain.read(dir);
    if (link.isEmpty()) {
      problems.add(dir + ": " + Manifest.FILE + " is missing or unreadable");
      return;
    }
    checkSignature(dir, link.get().bytes(), key, checked, problems);
    checkFiles(dir, link.get().manifest(), checked, problems);
  }

  private static void checkSignature(
      Path dir, byte[] manifest, PublicKey key, List<String> checked, List<String> problems) {
    Path file = dir.resolve(Manifest.SIGNATURE);
    if (!Files.isRegularFile(file)) {
      problems.add(dir + ": " + Manifest.SIGNATURE + " is missing");
      return;
    }
    byte[] signature;
    try {
      signature =
          Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
    } catch (IOException | IllegalArgumentException e) {
      problems.add(dir + ": " + Manifest.SIGNATURE + " is not a Base64 signature");
      return;
    }
    if (ReportKeys.verify(key, manifest, signature)) {
      checked.add(dir.resolve(Manifest.SIGNATURE) + ": signature ok");
    } else {
      problems.add(
          dir
              + ": "
              + Manifest.SIGNATURE
              + " does not match "
              + Manifest.FILE
              + " (altered manifest, swapped signature, or another key)");
    }
  }

  private static void checkFiles(
      Path dir, Manifest manifest, List<String> checked, List<String> problems) {
    Set<String> listed = new HashSet<>(List.of(Manifest.FILE, Manifest.SIGNATURE));
    for (Manifest.FileDigest file : manifest.files()) {
      listed.add(file.name());
      checkFile(dir, file, checked, problems);
    }
    for (String name : regularFiles(dir)) {
      if (!listed.contains(name)) {
        problems.add(dir.resolve(name) + ": not listed in " + Manifest.FILE);
      }
    }
  }

  private static void checkFile(
      Path dir, Manifest.FileDigest file, List<String> checked, List<String> problems) {
    if (file.name().contains("/") || file.name().contains("\\") || file.name().startsWith(".")) {
      problems.add(dir + ": " + Manifest.FILE + " names a file outside the folder: " + file.name());
      return;
    }
    Path path = dir.resolve(file.name());
    if (!Files.isRegularFile(path)) {
      problems.add(path + ": missing");
      return;
    }
    try {
      String actual = Digests.sha256(path);
      if (actual.equals(file.sha256())) {
        checked.add(path + ": sha256 ok");
      } else {
        problems.add(
            path
                + ": SHA-256 differs from the manifest (expected "
                + file.sha256()
                + ", found "
                + actual
                + ")");
      }
    } catch (IOException e) {
      problems.add(path + ": cannot be read: " + e.getMessage());
    }
  }

  private static List<String> regularFiles(Path dir) {
    try (Stream<Path> children = Files.list(dir)) {
      return children
          .filter(Files::isRegularFile)
          .map(p -> p.getFileName().toString())
          .filter(name -> !name.startsWith("."))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + dir, e);
    }
  }

  /**
   * Verifies every run folder of a plan folder and the links between them, in run start order; the
   * first problem about a link names the first broken link.
   */
  public static Verification verifyChain(Path planDir, PublicKey key) {
    List<String> checked = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (Path dir : Chain.folders(planDir)) {
      Verification run = verifyRun(dir, key);
      checked.addAll(run.checked());
      problems.addAll(run.problems());
    }
    checkLinks(Chain.runs(planDir), checked, problems);
    return new Verification(checked, problems);
  }

  private static void checkLinks(
      List<Chain.Link> runs, List<String> checked, List<String> problems) {
    for (int i = 0; i < runs.size(); i++) {
      Manifest manifest = runs.get(i).manifest();
      Manifest.Link link = manifest.previous();
      Chain.Link before = i == 0 ? null : runs.get(i - 1);
      String problem = linkProblem(manifest, link, before, runs);
      if (problem == null) {
        checked.add("run " + manifest.runId() + ": link to the previous run ok");
      } else {
        problems.add(problem);
      }
    }
  }

  private static @Nullable String linkProblem(
      Manifest manifest,
      Manifest.@Nullable Link link,
      Chain.@Nullable Link before,
      List<Chain.Link> runs) {
    String at = "broken link at run " + manifest.runId() + ": ";
    if (before == null) {
      return link == null
          ? null
          : at + "it names previous run " + link.runId() + ", which is missing from the folder";
    }
    String beforeId = before.manifest().runId();
    if (link == null) {
      return at + "it names no previous run, but run " + beforeId + " started before it";
    }
    if (!link.runId().equals(beforeId)) {
      boolean present = runs.stream().anyMatch(r -> r.manifest().runId().equals(link.runId()));
      return at
          + "it names previous run "
          + link.runId()
          + (present
              ? ", but run " + beforeId + " comes between them"
              : ", which is missing from the folder");
    }
    if (!link.manifestSha256().equals(Digests.sha256(before.bytes()))) {
      return at + "the manifest of previous run " + beforeId + " was altered (SHA-256 differs)";
    }
    return null;
  }
}
