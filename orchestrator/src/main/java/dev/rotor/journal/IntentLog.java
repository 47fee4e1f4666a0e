package dev.rotor.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A second record of every intent committed to the embedded H2 database, appended to a plain file
 * beside it ({@code rotor.mv.db} gets {@code rotor.intents}) before the intent's future completes.
 *
 * <p>H2 can come back from a killed process without the commits of its last second or so, though
 * each had returned (the chaos soak lost them in 5 of 7 runs). A lost outcome is harmless: its
 * target is still in flight and is settled from Atlas's events. A lost intent is not: its target
 * reads as pending and would be sent again. So a resume first puts back in flight every target that
 * this file shows started later than the journal knows ({@link Journal#restoreLostIntents}). A
 * write to a file reaches the operating system at once and survives the process, as H2's own writes
 * do; neither survives a power cut.
 */
// Limitation: the log is never truncated (about 60 bytes per intent): another process on the same
// database (AUTO_SERVER) may be appending to it, and no lock says when it is safe to cut.
final class IntentLog implements AutoCloseable {
  private final Path file;
  private @Nullable FileChannel channel;

  private IntentLog(Path file) {
    this.file = file;
  }

  /** Returns the log beside the H2 file database of {@code jdbcUrl}, or null for other stores. */
  static @Nullable IntentLog beside(String jdbcUrl) {
    String prefix = "jdbc:h2:file:";
    if (!jdbcUrl.startsWith(prefix)) {
      return null;
    }
    String path = jdbcUrl.substring(prefix.length());
    if (path.startsWith("async:")) {
      path = path.substring("async:".length());
    }
    int options = path.indexOf(';');
    if (options >= 0) {
      path = path.substring(0, options);
    }
    return new IntentLog(Path.of(path + ".intents"));
  }

  /** Returns the file. */
  Path file() {
    return file;
  }

  /**
   * Appends {@code intents} in one write; returns once the operating system has them. The file
   * stays open for the next batch.
   */
  synchronized void append(List<Change.MarkInFlight> intents) {
    if (intents.isEmpty()) {
      return;
    }
    StringBuilder lines = new StringBuilder(intents.size() * 64);
    for (Change.MarkInFlight intent : intents) {
      lines
          .append(intent.runId())
          .append(' ')
          .append(intent.seq())
          .append(' ')
          .append(Jdbc.stored(intent.attemptStartedAt()))
          .append('\n');
    }
    ByteBuffer bytes = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
    try {
      if (channel == null) {
        channel =
            FileChannel.open(
                file,
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
      }
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
    } catch (IOException e) {
      throw new JournalException("append to the intent log " + file, e);
    }
  }

  /**
   * Returns, for each target of {@code runId} in the log, the start of its latest attempt. A last
   * line cut short by the crash is ignored: its intent's future never completed.
   */
  Map<Integer, Instant> latestStarts(String runId) {
    Map<Integer, Instant> latest = new HashMap<>();
    if (!Files.exists(file)) {
      return latest;
    }
    String prefix = runId + " ";
    try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
      lines
          .filter(line -> line.startsWith(prefix))
          .forEach(
              line -> {
                String[] fields = line.split(" ");
                if (fields.length == 3) {
                  try {
                    latest.merge(
                        Integer.parseInt(fields[1]),
                        Instant.parse(fields[2]),
                        (a, b) -> a.isAfter(b) ? a : b);
                  } catch (RuntimeException cutShort) {
                    // the torn last line of a killed process
                  }
                }
              });
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the intent log " + file, e);
    }
    return latest;
  }

  @Override
  public synchronized void close() {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        throw new JournalException("close the intent log " + file, e);
      }
      channel = null;
    }
  }
}
