package dev.rotor.schedule;

import dev.rotor.input.InvalidInputException;
import dev.rotor.input.Problem;
import dev.rotor.plan.Plan;
import dev.rotor.plan.PlanLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the plans folder by polling: each {@code *.yaml} file's bytes are hashed on every poll; a
 * changed file is validated and its schedule put to Quartz, an invalid one keeps its last valid
 * plan and schedule (its problems are logged as {@code file:line:column} lines), and a deleted one
 * is unscheduled. Holds the last valid plan of each file, which the jobs and resumes run.
 *
 * <p>A change is applied only once it has settled: after the first poll, a file's new bytes (or its
 * absence) must be seen by two polls in a row. An editor that truncates a file and then writes it,
 * or that deletes it and renames a new one in, is thus never caught half-way: a poll that lands in
 * between sees an empty or partial file, which the next poll no longer sees.
 */
final class PlanCatalog {
  private static final Logger log = LoggerFactory.getLogger(PlanCatalog.class);

  /** The state of a file that is not in the folder. */
  private static final String GONE = "gone";

  private final Path dir;
  private final Set<String> credentialNames;
  private final PlanSchedules schedules;
  private final Map<String, String> hashes = new HashMap<>();
  private final Map<String, String> unsettled = new HashMap<>();
  private boolean polled;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  PlanCatalog(Path dir, Set<String> credentialNames, PlanSchedules schedules) {
    this.dir = dir;
    this.credentialNames = Set.copyOf(credentialNames);
    this.schedules = schedules;
  }

  /** Returns the folder watched. */
  Path dir() {
    return dir;
  }

  /** Reads the folder again and applies every change to Quartz; call from one thread. */
  synchronized void poll() throws SchedulerException {
    Map<String, Path> files = files();
    for (Map.Entry<String, Path> file : files.entrySet()) {
      String hash = hash(file.getValue());
      if (settled(file.getKey(), hash)) {
        hashes.put(file.getKey(), hash);
        reload(file.getKey(), file.getValue());
      }
    }
    for (String gone : List.copyOf(hashes.keySet())) {
      if (!files.containsKey(gone) && settled(gone, GONE)) {
        hashes.remove(gone);
        deleted(gone);
      }
    }
    unsettled.keySet().removeIf(name -> !files.containsKey(name) && !hashes.containsKey(name));
    polled = true;
  }

  /**
   * Returns whether {@code state} (a hash, or {@link #GONE}) is a change to apply now: it differs
   * from what was applied, and it is the first poll or the previous poll saw the same.
   */
  private boolean settled(String fileName, String state) {
    if (state.equals(hashes.getOrDefault(fileName, GONE))) {
      unsettled.remove(fileName);
      return false;
    }
    if (!polled || state.equals(unsettled.get(fileName))) {
      unsettled.remove(fileName);
      return true;
    }
    unsettled.put(fileName, state);
    return false;
  }

  /**
   * Unschedules the plans Quartz holds whose file is no longer in the folder; call after the first
   * {@link #poll()}, as a daemon starts.
   */
  synchronized void prune() throws SchedulerException {
    for (PlanSchedules.Scheduled scheduled : schedules.list()) {
      Entry entry = entries.get(scheduled.planFile());
      boolean owned =
          entry != null
              && entry.plan() != null
              && scheduledName(entry).equals(scheduled.planName());
      if (!owned) {
        schedules.remove(scheduled.planName());
      }
    }
  }

  /** Returns the last valid plan read from {@code fileName}. */
  Optional<Plan> plan(String fileName) {
    return Optional.ofNullable(entries.get(fileName)).map(Entry::plan);
  }

  /** Returns the last valid plan called {@code planName}. */
  Optional<Plan> planNamed(String planName) {
    return entries.values().stream()
        .map(Entry::plan)
        .filter(p -> p != null && p.name().equals(planName))
        .findFirst();
  }

  /** Returns what is known of every file, by file name. */
  Map<String, Entry> entries() {
    return new TreeMap<>(entries);
  }

  private void reload(String fileName, Path file) throws SchedulerException {
    Entry previous = entries.get(fileName);
    try {
      Plan plan = PlanLoader.load(file, credentialNames);
      if (claimedByAnother(fileName, plan.name())) {
        invalid(
            fileName, previous, List.of("plan name '" + plan.name() + "' is used by another file"));
        return;
      }
      apply(fileName, previous, plan);
    } catch (SchedulerException e) {
      invalid(fileName, previous, List.of(file + ": schedule: " + e.getMessage()));
    } catch (InvalidInputException e) {
      List<String> problems = e.problems().stream().map(Problem::format).toList();
      invalid(fileName, previous, problems);
    }
  }

  private boolean claimedByAnother(String fileName, String planName) {
    return entries.entrySet().stream()
        .anyMatch(
            e ->
                !e.getKey().equals(fileName)
                    && e.getValue().plan() != null
                    && e.getValue().plan().name().equals(planName));
  }

  private void apply(String fileName, @Nullable Entry previous, Plan plan)
      throws SchedulerException {
    if (previous != null
        && previous.plan() != null
        && !previous.plan().name().equals(plan.name())) {
      schedules.remove(previous.plan().name());
    }
    if (plan.schedule() != null) {
      schedules.put(plan, fileName, plan.schedule());
    } else {
      schedules.remove(plan.name());
    }
    entries.put(fileName, new Entry(plan, List.of()));
    log.info("plan={} file={} loaded scheduled={}", plan.name(), fileName, plan.schedule() != null);
  }

  private void invalid(String fileName, @Nullable Entry previous, List<String> problems) {
    Plan kept = previous == null ? null : previous.plan();
    entries.put(fileName, new Entry(kept, problems));
    log.warn(
        "file={} invalid, {}:\n{}",
        fileName,
        kept == null ? "not scheduled" : "keeping the previous schedule of plan=" + kept.name(),
        String.join("\n", problems));
  }

  private void deleted(String fileName) throws SchedulerException {
    Entry entry = entries.remove(fileName);
    if (entry != null && entry.plan() != null) {
      schedules.remove(entry.plan().name());
    }
    log.info("file={} deleted", fileName);
  }

  private static String scheduledName(Entry entry) {
    return entry.plan() == null ? "" : entry.plan().name();
  }

  private Map<String, Path> files() {
    if (!Files.isDirectory(dir)) {
      return Map.of();
    }
    try (Stream<Path> list = Files.list(dir)) {
      Map<String, Path> files = new TreeMap<>();
      list.filter(PlanCatalog::isPlanFile).forEach(f -> files.put(f.getFileName().toString(), f));
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the plans in " + dir, e);
    }
  }

  private static boolean isPlanFile(Path file) {
    String name = file.getFileName().toString();
    return Files.isRegularFile(file) && (name.endsWith(".yaml") || name.endsWith(".yml"));
  }

  private static String hash(Path file) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
      return HexFormat.of().formatHex(digest);
    } catch (IOException e) {
      return "unreadable";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /**
   * What the catalog knows of one file.
   *
   * @param plan the last valid plan read from it, or null if it never was valid
   * @param problems the problems of its current contents, empty when they are valid
   */
  record Entry(@Nullable Plan plan, List<String> problems) {}
}
