package dev.rotor.journal;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes intents and outcomes from many threads in group commits: one thread takes whatever has
 * queued up (up to a batch size, waiting at most a short delay for more), applies it in one
 * transaction, commits, and only then completes each write's future. A completed future therefore
 * means the write is durable; a future that fails means it is not (or, for a refusal, that the
 * target already had an outcome).
 *
 * <p>The methods do not block; they return a future. From Reactor, wrap one lazily and without
 * letting a cancel drop the completion: {@code Mono.fromFuture(() -> writer.markInFlight(...),
 * true)}. Note that futures complete on the writer's thread: chain only quick, non-blocking work on
 * them, or publish on another scheduler.
 *
 * <p>Two writes of one target are applied in the order they were submitted.
 */
public final class JournalWriter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(JournalWriter.class);

  /** The default largest number of writes in one commit. */
  public static final int DEFAULT_MAX_BATCH = 500;

  private final DataSource dataSource;
  private final boolean embedded;
  private final @Nullable IntentLog intentLog;
  private final int maxBatch;
  private final long maxDelayNanos;
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private boolean closed;

  private record Pending(@Nullable Change change, CompletableFuture<Void> done) {
    static final Pending END = new Pending(null, new CompletableFuture<>());
  }

  private JournalWriter(
      DataSource dataSource,
      boolean embedded,
      @Nullable IntentLog intentLog,
      int maxBatch,
      Duration maxDelay) {
    this.dataSource = dataSource;
    this.embedded = embedded;
    this.intentLog = intentLog;
    this.maxBatch = maxBatch;
    this.maxDelayNanos = maxDelay.toNanos();
    this.thread = new Thread(this::run, "rotor-journal-writer");
    // Daemon: a writer left open must not keep the JVM alive; an exit then is a crash, and a
    // write whose future had not completed was never promised durable.
    this.thread.setDaemon(true);
  }

  /** Starts a writer on the journal's store that commits as soon as writes are queued. */
  public static JournalWriter start(Journal journal) {
    return start(journal, DEFAULT_MAX_BATCH, Duration.ZERO);
  }

  /**
   * Starts a writer that commits at most {@code maxBatch} writes at a time and waits at most {@code
   * maxDelay} after the first queued write for more to join it. A zero delay still batches under
   * load: what queues during one commit goes into the next.
   */
  public static JournalWriter start(Journal journal, int maxBatch, Duration maxDelay) {
    requireNonNull(journal, "journal");
    if (maxBatch < 1 || maxDelay.isNegative()) {
      throw new IllegalArgumentException("maxBatch must be >= 1 and maxDelay >= 0");
    }
    JournalWriter writer =
        new JournalWriter(
            journal.dataSource(), journal.embedded(), journal.intentLog(), maxBatch, maxDelay);
    writer.thread.start();
    return writer;
  }

  /**
   * Records the intent to send an attempt on a target and counts the attempt; the future completes
   * once that is committed, and only then may the request be sent.
   */
  public CompletableFuture<Void> markInFlight(String runId, int seq, Instant attemptStartedAt) {
    return submit(new Change.MarkInFlight(runId, seq, attemptStartedAt));
  }

  /** Records the final outcome of a target; the future completes once that is committed. */
  public CompletableFuture<Void> recordOutcome(String runId, int seq, Outcome outcome) {
    return submit(new Change.RecordOutcome(runId, seq, requireNonNull(outcome, "outcome")));
  }

  /**
   * Puts an in-flight target back to pending after an attempt that certainly did not take effect;
   * the future completes once that is committed.
   */
  public CompletableFuture<Void> requeue(
      String runId,
      int seq,
      @Nullable Integer httpStatus,
      @Nullable String errorCode,
      String detail) {
    return submit(new Change.Requeue(runId, seq, httpStatus, errorCode, detail));
  }

  /** Skips a pending target; the future completes once that is committed. */
  public CompletableFuture<Void> recordSkipped(
      String runId, int seq, String reason, Instant completedAt) {
    return submit(new Change.RecordSkipped(runId, seq, reason, completedAt));
  }

  private synchronized CompletableFuture<Void> submit(Change change) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (closed) {
      done.completeExceptionally(new IllegalStateException("The journal writer is closed"));
    } else {
      queue.add(new Pending(change, done));
    }
    return done;
  }

  /** Commits every write submitted so far, then stops the writer's thread; blocks until then. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      queue.add(Pending.END);
    }
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    List<Pending> batch = new ArrayList<>(maxBatch);
    boolean ended = false;
    while (!ended) {
      batch.clear();
      ended = collectOrStop(batch);
      writeOrFail(batch);
    }
  }

  private boolean collectOrStop(List<Pending> batch) {
    try {
      return collect(batch);
    } catch (InterruptedException e) {
      synchronized (this) {
        closed = true;
      }
      IllegalStateException cause = new IllegalStateException("The journal writer was interrupted");
      failAll(batch, cause);
      failAll(drainAll(), cause);
      batch.clear();
      return true;
    }
  }

  private void writeOrFail(List<Pending> batch) {
    if (batch.isEmpty()) {
      return;
    }
    try {
      write(batch);
    } catch (RuntimeException e) {
      // A future completed before the failure stays completed; the others fail with the cause.
      log.error("journal writer failed a batch of {} writes", batch.size(), e);
      failAll(batch, e);
    }
  }

  /**
   * Fills {@code batch} with what is queued, waiting for the first write and then until the
   * deadline for more; returns whether the writer was closed.
   */
  private boolean collect(List<Pending> batch) throws InterruptedException {
    Pending next = queue.take();
    long deadline = System.nanoTime() + maxDelayNanos;
    while (next != null) {
      if (next == Pending.END) {
        return true;
      }
      batch.add(next);
      if (batch.size() >= maxBatch) {
        return false;
      }
      next = nextBefore(deadline);
    }
    return false;
  }

  private @Nullable Pending nextBefore(long deadline) throws InterruptedException {
    Pending next = queue.poll();
    long left = deadline - System.nanoTime();
    return next != null || left <= 0 ? next : queue.poll(left, TimeUnit.NANOSECONDS);
  }

  private void write(List<Pending> batch) {
    List<Change> changes = new ArrayList<>(batch.size());
    for (Pending pending : batch) {
      changes.add(requireNonNull(pending.change()));
    }
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      boolean[] applied = applyOrRollback(connection, changes);
      if (applied == null) {
        writeOneByOne(batch);
        return;
      }
      commit(connection, batch, applied);
    } catch (SQLException e) {
      failAll(batch, new JournalException("reach the store for " + batch.size() + " writes", e));
    }
  }

  /** Applies the batch; on failure rolls back and returns null, to retry each write alone. */
  private boolean @Nullable [] applyOrRollback(Connection connection, List<Change> changes)
      throws SQLException {
    try {
      return Changes.apply(connection, changes);
    } catch (SQLException | RuntimeException e) {
      log.warn(
          "journal batch of {} writes failed, retrying one by one: {}",
          changes.size(),
          e.toString());
      connection.rollback();
      return null;
    }
  }

  /**
   * Commits, appends the intents to the {@link IntentLog}, then completes; if the commit fails,
   * whether it happened is unknown: all fail.
   */
  private void commit(Connection connection, List<Pending> batch, boolean[] applied) {
    try {
      connection.commit();
      Store.persist(connection, embedded);
    } catch (SQLException e) {
      failAll(batch, new JournalException("commit " + batch.size() + " writes", e));
      return;
    }
    if (!logIntents(batch, applied)) {
      return;
    }
    for (int i = 0; i < batch.size(); i++) {
      Pending pending = batch.get(i);
      if (applied[i]) {
        pending.done().complete(null);
      } else {
        pending
            .done()
            .completeExceptionally(
                new IllegalStateException(requireNonNull(pending.change()).refusal()));
      }
    }
  }

  /** Appends the batch's applied intents to the log; on failure fails the batch, returns false. */
  private boolean logIntents(List<Pending> batch, boolean[] applied) {
    if (intentLog == null) {
      return true;
    }
    List<Change.MarkInFlight> intents = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      if (applied[i] && batch.get(i).change() instanceof Change.MarkInFlight intent) {
        intents.add(intent);
      }
    }
    try {
      intentLog.append(intents);
      return true;
    } catch (JournalException e) {
      // The journal holds the intents, but a crash could lose them: no request may go out.
      failAll(batch, e);
      return false;
    }
  }

  private void writeOneByOne(List<Pending> batch) {
    for (Pending pending : batch) {
      try (Connection connection = dataSource.getConnection()) {
        connection.setAutoCommit(false);
        boolean[] applied = Changes.apply(connection, List.of(requireNonNull(pending.change())));
        commit(connection, List.of(pending), applied);
      } catch (SQLException | RuntimeException e) {
        pending
            .done()
            .completeExceptionally(
                new JournalException(requireNonNull(pending.change()).key() + " write", e));
      }
    }
  }

  private List<Pending> drainAll() {
    List<Pending> rest = new ArrayList<>();
    queue.drainTo(rest);
    rest.remove(Pending.END);
    return rest;
  }

  private static void failAll(List<Pending> batch, Throwable cause) {
    for (Pending pending : batch) {
      pending.done().completeExceptionally(cause);
    }
  }
}
