package dev.rotor.report;

import static java.util.Objects.requireNonNull;

import dev.rotor.config.ReportSettings;
import dev.rotor.config.RotorConfig;
import dev.rotor.journal.Journal;
import dev.rotor.journal.RunRecord;
import dev.rotor.journal.TargetRecord;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the reports of a run from the journal alone, so that a resumed run rewrites the same
 * folder: {@code report.json} (the source of every other format), {@code report.csv}, {@code
 * report.html}, {@code report.md}, then {@code manifest.json} and its Ed25519 signature {@code
 * manifest.sig}.
 *
 * <p>Two streaming passes over the run's targets: the first computes the aggregates (counts, blast
 * radius, chart data), the second writes every format at once, so a run of 100,000 targets is never
 * held in memory. Each file is written to a temporary file in the same folder and renamed into
 * place atomically. The output depends on the journal alone (no time of writing), so rewriting an
 * unchanged run yields the same bytes and keeps the hash chain of later runs intact.
 */
public final class ReportWriter {
  private static final Logger log = LoggerFactory.getLogger(ReportWriter.class);

  private ReportWriter() {}

  /**
   * Writes every format of the run, its manifest and signature to {@code
   * <reportsDir>/<plan>/<run-id>/}, replacing what was there; returns that folder. Blocks.
   *
   * @throws IllegalArgumentException if the journal has no such run
   */
  public static Path writeAll(Journal journal, String runId, RotorConfig config) {
    RunRecord run = findRun(journal, runId);
    Path dir = runFolder(config.reports(), run);
    long started = System.nanoTime();
    Path written = writeFolder(journal, run, null, dir, config.reports());
    log.info(
        "run={} report written dir={} ms={}",
        runId,
        written,
        (System.nanoTime() - started) / 1_000_000);
    return written;
  }

  /**
   * Writes every format restricted to one tenant, with its own signed manifest, to {@code <run
   * folder>/tenants/<tenant>/}; returns that folder. Blocks.
   *
   * @throws IllegalArgumentException if the journal has no such run, or the run no such tenant
   */
  public static Path writeTenant(Journal journal, String runId, String tenant, RotorConfig config) {
    RunRecord run = findRun(journal, runId);
    requireTenant(journal, runId, tenant);
    Path dir =
        runFolder(config.reports(), run).resolve(ReportVerifier.TENANTS).resolve(safeName(tenant));
    return writeFolder(journal, run, tenant, dir, config.reports());
  }

  /**
   * Writes one format of the run, or of one of its tenants when {@code tenant} is not null, to
   * {@code out}, which stays open. Blocks.
   */
  public static void write(
      Journal journal,
      String runId,
      @Nullable String tenant,
      ReportFormat format,
      OutputStream out) {
    RunRecord run = findRun(journal, runId);
    if (tenant != null) {
      requireTenant(journal, runId, tenant);
    }
    ReportSummary summary = summarize(journal, run, tenant);
    ReportSink sink = sink(format, out);
    stream(journal, run, tenant, List.of(sink), summary);
  }

  /** Returns the folder of a run's reports: {@code <reportsDir>/<plan>/<run-id>}. */
  public static Path runFolder(ReportSettings settings, RunRecord run) {
    return planFolder(settings, run.planName()).resolve(safeName(run.runId()));
  }

  /** Returns the folder holding the report folders of every run of {@code planName}. */
  public static Path planFolder(ReportSettings settings, String planName) {
    return settings.dir().resolve(safeName(planName));
  }

  private static RunRecord findRun(Journal journal, String runId) {
    requireNonNull(runId, "runId");
    return journal
        .findRun(runId)
        .orElseThrow(() -> new IllegalArgumentException("No run " + runId + " in the journal"));
  }

  private static void requireTenant(Journal journal, String runId, String tenant) {
    var tenants = journal.countsByTenant(runId).keySet();
    if (!tenants.contains(tenant)) {
      throw new IllegalArgumentException(
          "Run " + runId + " has no tenant '" + tenant + "' (its tenants: " + tenants + ")");
    }
  }

  private static Path writeFolder(
      Journal journal, RunRecord run, @Nullable String tenant, Path dir, ReportSettings settings) {
    try {
      Files.createDirectories(dir);
      ReportSummary summary = summarize(journal, run, tenant);
      List<Manifest.FileDigest> files = writeFormats(journal, run, tenant, dir, summary);
      Manifest.Link previous = tenant == null ? Chain.previous(dir.getParent(), run) : null;
      var manifest =
          new Manifest(
              1,
              run.runId(),
              run.planName(),
              Reports.time(run.startedAt()),
              tenant,
              files,
              previous);
      sign(dir, manifest, ReportKeys.signingKey(settings));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the report of run " + run.runId(), e);
    }
  }

  private static List<Manifest.FileDigest> writeFormats(
      Journal journal, RunRecord run, @Nullable String tenant, Path dir, ReportSummary summary)
      throws IOException {
    Map<ReportFormat, Path> temporary = new EnumMap<>(ReportFormat.class);
    List<OutputStream> streams = new ArrayList<>();
    List<ReportSink> sinks = new ArrayList<>();
    try {
      for (ReportFormat format : ReportFormat.values()) {
        Path tmp = Files.createTempFile(dir, "." + format.fileName() + "-", ".tmp");
        temporary.put(format, tmp);
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16);
        streams.add(out);
        sinks.add(sink(format, out));
      }
      stream(journal, run, tenant, sinks, summary);
      closeAll(streams);
      return moveIntoPlace(temporary, dir);
    } finally {
      closeAll(streams);
      for (Path tmp : temporary.values()) {
        Files.deleteIfExists(tmp);
      }
    }
  }

  private static List<Manifest.FileDigest> moveIntoPlace(
      Map<ReportFormat, Path> temporary, Path dir) throws IOException {
    List<Manifest.FileDigest> files = new ArrayList<>();
    for (Map.Entry<ReportFormat, Path> file : temporary.entrySet()) {
      Path target = dir.resolve(file.getKey().fileName());
      files.add(
          new Manifest.FileDigest(
              file.getKey().fileName(),
              Digests.sha256(file.getValue()),
              Files.size(file.getValue())));
      moveAtomically(file.getValue(), target);
    }
    return files;
  }

  private static void sign(Path dir, Manifest manifest, PrivateKey key) throws IOException {
    byte[] bytes = Reports.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest);
    writeAtomically(dir.resolve(Manifest.FILE), bytes);
    String signature = Base64.getEncoder().encodeToString(ReportKeys.sign(key, bytes)) + "\n";
    writeAtomically(dir.resolve(Manifest.SIGNATURE), signature.getBytes(StandardCharsets.US_ASCII));
  }

  private static ReportSummary summarize(Journal journal, RunRecord run, @Nullable String tenant) {
    var collector = new SummaryCollector(run, tenant);
    forEachEntry(journal, run, tenant, collector::add);
    return collector.summary();
  }

  private static void stream(
      Journal journal,
      RunRecord run,
      @Nullable String tenant,
      List<ReportSink> sinks,
      ReportSummary summary) {
    sinks.forEach(sink -> sink.begin(summary));
    forEachEntry(journal, run, tenant, entry -> sinks.forEach(sink -> sink.entry(entry)));
    sinks.forEach(ReportSink::end);
  }

  private static void forEachEntry(
      Journal journal, RunRecord run, @Nullable String tenant, Consumer<ReportEntry> action) {
    try (Stream<TargetRecord> targets = journal.targets(run.runId())) {
      targets
          .filter(t -> tenant == null || tenant.equals(t.tenant()))
          .map(ReportEntry::of)
          .forEach(action);
    }
  }

  private static ReportSink sink(ReportFormat format, OutputStream out) {
    return switch (format) {
      case JSON -> new JsonReportSink(out);
      case CSV -> new CsvReportSink(out);
      case HTML -> new HtmlReportSink(out);
      case MARKDOWN -> new MarkdownReportSink(out);
    };
  }

  /** Writes {@code bytes} to a temporary file beside {@code target}, then renames it atomically. */
  static void writeAtomically(Path target, byte[] bytes) throws IOException {
    Path parent = target.toAbsolutePath().getParent();
    Path tmp = Files.createTempFile(parent, "." + target.getFileName() + "-", ".tmp");
    try {
      Files.write(tmp, bytes);
      moveAtomically(tmp, target);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static void moveAtomically(Path from, Path to) throws IOException {
    Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static void closeAll(List<OutputStream> streams) throws IOException {
    for (OutputStream out : streams) {
      out.close();
    }
  }

  /** Returns {@code name} usable as one path segment: letters, digits, dot, dash, underscore. */
  static String safeName(String name) {
    String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
    return safe.isEmpty() || safe.chars().allMatch(c -> c == '.') ? "_" + safe : safe;
  }
}
