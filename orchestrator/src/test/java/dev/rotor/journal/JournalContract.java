package dev.rotor.journal;

import static dev.rotor.journal.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rotor.config.StoreSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Holds the behaviour every store must show; subclasses say which database. */
abstract class JournalContract {
  Journal journal;

  /** Returns the settings of an empty database for one test. */
  abstract StoreSettings settings();

  @BeforeEach
  void openJournal() {
    journal = Journal.open(settings());
  }

  @AfterEach
  void closeJournal() {
    journal.close();
  }

  Connection separateConnection() throws SQLException {
    StoreSettings settings = settings();
    String password = settings.password() == null ? "" : settings.password().reveal();
    return DriverManager.getConnection(settings.jdbcUrl(), settings.username(), password);
  }

  @Test
  void migrationsApplyOnceAndReopeningIsIdempotent() throws SQLException {
    journal.close();
    journal = Journal.open(settings());
    journal.close();
    journal = Journal.open(settings());

    String sql =
        "SELECT COUNT(*), MAX(\"version\") FROM \"rotor_schema_history\""
            + " WHERE \"type\" = 'SQL' AND \"success\" = TRUE";
    try (Connection connection = separateConnection();
        ResultSet rs = connection.createStatement().executeQuery(sql)) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(2);
      assertThat(rs.getString(2)).isEqualTo("2");
    }
  }

  @Test
  void hundredThousandTargetsAreInsertedAndStreamedBackInOrder() {
    journal.createRun(Fixtures.run("run-big", T0));
    List<TargetRecord> targets = Fixtures.targets(100_000);

    long insertStart = System.nanoTime();
    journal.addTargets("run-big", targets);
    long insertMillis = (System.nanoTime() - insertStart) / 1_000_000;

    long streamStart = System.nanoTime();
    long[] count = {0};
    int[] lastSeq = {0};
    try (Stream<TargetRecord> stream = journal.targets("run-big")) {
      stream.forEach(
          target -> {
            assertThat(target.seq()).isEqualTo(lastSeq[0] + 1);
            lastSeq[0] = target.seq();
            count[0]++;
          });
    }
    long streamMillis = (System.nanoTime() - streamStart) / 1_000_000;

    assertThat(count[0]).isEqualTo(100_000);
    assertThat(journal.countsByState("run-big")).containsEntry(TargetState.PENDING, 100_000L);
    System.out.printf(
        "%s: inserted 100,000 targets in %d ms, streamed them in %d ms%n",
        getClass().getSimpleName(), insertMillis, streamMillis);
  }

  @Test
  void targetRoundTripsEveryField() {
    journal.createRun(Fixtures.run("run-1", T0));
    TargetRecord planned =
        Fixtures.target(1, "fed-a", "idp-a").withDuplicate("tenant-x/idp-a", "also reached by X");
    journal.addTargets("run-1", List.of(planned));

    journal.markInFlight("run-1", 1, T0.plusSeconds(1));
    journal.recordOutcome(
        "run-1",
        1,
        new Outcome(
            TargetState.FAILED,
            "refused",
            409,
            "CONFLICT",
            "detail",
            null,
            T0.plusSeconds(2),
            42L));

    TargetRecord read = journal.targetsInState("run-1", EnumSet.of(TargetState.FAILED)).get(0);
    assertThat(read.organizationIds()).isEqualTo(planned.organizationIds());
    assertThat(read.duplicateOf()).isEqualTo("tenant-x/idp-a");
    assertThat(read.attempts()).isEqualTo(1);
    assertThat(read.firstAttemptAt()).isEqualTo(T0.plusSeconds(1));
    assertThat(read.httpStatus()).isEqualTo(409);
    assertThat(read.errorCode()).isEqualTo("CONFLICT");
    assertThat(read.latencyMs()).isEqualTo(42L);
    assertThat(journal.findRun("run-1")).contains(Fixtures.run("run-1", T0));
  }

  @Test
  void intentsAndOutcomesSurviveReopeningAfterACrash() {
    journal.createRun(Fixtures.run("run-crash", T0));
    journal.addTargets("run-crash", Fixtures.targets(10));
    journal.markInFlight("run-crash", 1, T0.plusSeconds(1));
    journal.recordOutcome("run-crash", 1, Outcome.revoked(200, "evt-1", T0.plusSeconds(2), 80));
    journal.markInFlight(
        List.of(new Intent("run-crash", 2, T0.plusSeconds(3)), new Intent("run-crash", 3, T0)));
    journal.recordSkipped("run-crash", 4, "cooldown", T0.plusSeconds(4));

    journal.close();
    journal = Journal.open(settings());

    assertThat(journal.findRun("run-crash"))
        .get()
        .extracting(RunRecord::state)
        .isEqualTo(RunState.RUNNING);
    assertThat(journal.targetsInState("run-crash", EnumSet.of(TargetState.IN_FLIGHT)))
        .extracting(TargetRecord::seq)
        .containsExactly(2, 3);
    Map<TargetState, Long> counts = journal.countsByState("run-crash");
    assertThat(counts)
        .containsEntry(TargetState.REVOKED, 1L)
        .containsEntry(TargetState.PENDING, 6L)
        .containsEntry(TargetState.SKIPPED, 1L);
  }

  @Test
  void recordedOutcomeIsNeverOverwrittenNorSentAgain() {
    journal.createRun(Fixtures.run("run-1", T0));
    journal.addTargets("run-1", Fixtures.targets(3));
    journal.markInFlight("run-1", 1, T0);
    journal.recordOutcome("run-1", 1, Outcome.revoked(200, "evt-1", T0, 5));

    assertThatThrownBy(() -> journal.markInFlight("run-1", 1, T0))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("run=run-1 seq=1");
    assertThatThrownBy(
            () -> journal.recordOutcome("run-1", 1, Outcome.failed(500, null, null, T0, 1L)))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () ->
                journal.markInFlight(
                    List.of(new Intent("run-1", 2, T0), new Intent("run-1", 1, T0))))
        .isInstanceOf(IllegalStateException.class);

    assertThat(journal.countsByState("run-1"))
        .containsEntry(TargetState.REVOKED, 1L)
        .containsEntry(TargetState.PENDING, 2L);
  }

  @Test
  void writerCompletesEachWriteOnlyAfterItIsReadableFromAnotherConnection() throws Exception {
    int threads = 8;
    int perThread = 150;
    journal.createRun(Fixtures.run("run-w", T0));
    journal.addTargets("run-w", Fixtures.targets(threads * perThread));
    ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();

    try (JournalWriter writer = JournalWriter.start(journal, 64, Duration.ofMillis(2));
        Connection observer = separateConnection()) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int first = t * perThread + 1;
        done.add(
            pool.submit(
                () -> writeTargets(writer, observer, first, first + perThread, violations)));
      }
      for (Future<?> future : done) {
        future.get(60, TimeUnit.SECONDS);
      }
      pool.shutdown();
    }

    assertThat(violations).isEmpty();
    assertThat(journal.countsByState("run-w"))
        .containsEntry(TargetState.REVOKED, (long) threads * perThread);
  }

  private static Void writeTargets(
      JournalWriter writer,
      Connection observer,
      int from,
      int to,
      ConcurrentLinkedQueue<String> violations) {
    for (int seq = from; seq < to; seq++) {
      int s = seq;
      writer
          .markInFlight("run-w", s, T0)
          .thenRun(() -> expectState(observer, s, "IN_FLIGHT", violations))
          .join();
      writer
          .recordOutcome("run-w", s, Outcome.revoked(204, "evt-" + s, T0, 3))
          .thenRun(() -> expectState(observer, s, "REVOKED", violations))
          .join();
    }
    return null;
  }

  /** Runs on the writer's thread, right where the future completes: the row must be committed. */
  private static void expectState(
      Connection observer, int seq, String expected, ConcurrentLinkedQueue<String> violations) {
    try (PreparedStatement ps =
        observer.prepareStatement(
            "SELECT state FROM rotor_target WHERE run_id = 'run-w' AND seq = ?")) {
      ps.setInt(1, seq);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        String state = rs.getString(1);
        if (!expected.equals(state)) {
          violations.add("seq=" + seq + " expected " + expected + " but saw " + state);
        }
      }
    } catch (SQLException e) {
      violations.add("seq=" + seq + " " + e);
    }
  }

  @Test
  void writerRefusesAnOutcomeForATargetThatAlreadyHasOne() {
    journal.createRun(Fixtures.run("run-1", T0));
    journal.addTargets("run-1", Fixtures.targets(2));

    try (JournalWriter writer = JournalWriter.start(journal)) {
      CompletableFuture<Void> first = writer.recordOutcome("run-1", 1, Outcome.dryRun(T0));
      CompletableFuture<Void> second =
          writer.recordOutcome("run-1", 1, Outcome.unknown("timeout", T0, 10L));
      CompletableFuture<Void> other = writer.recordSkipped("run-1", 2, "filtered", T0);

      assertThat(first).succeedsWithin(Duration.ofSeconds(10));
      assertThat(other).succeedsWithin(Duration.ofSeconds(10));
      assertThat(second)
          .failsWithin(Duration.ofSeconds(10))
          .withThrowableOfType(java.util.concurrent.ExecutionException.class)
          .withCauseInstanceOf(IllegalStateException.class);
    }
    assertThat(journal.countsByState("run-1")).containsEntry(TargetState.DRY_RUN, 1L);
  }

  @Test
  void writerCloseCommitsEverythingSubmittedBeforeIt() {
    journal.createRun(Fixtures.run("run-1", T0));
    journal.addTargets("run-1", Fixtures.targets(100));
    List<CompletableFuture<Void>> writes = new ArrayList<>();

    try (JournalWriter writer = JournalWriter.start(journal, 1_000, Duration.ofMinutes(5))) {
      for (int seq = 1; seq <= 100; seq++) {
        writes.add(writer.recordSkipped("run-1", seq, "filtered", T0));
      }
    }

    assertThat(writes).allSatisfy(write -> assertThat(write).isCompleted());
    assertThat(writes).noneMatch(CompletableFuture::isCompletedExceptionally);
    assertThat(journal.countsByState("run-1")).containsEntry(TargetState.SKIPPED, 100L);
  }

  @Test
  void writerKeepsTheOrderOfWritesToOneTargetWithinABatch() {
    journal.createRun(Fixtures.run("run-1", T0));
    journal.addTargets("run-1", Fixtures.targets(1));
    CompletableFuture<Void> intent;
    CompletableFuture<Void> outcome;
    CompletableFuture<Void> lateIntent;

    try (JournalWriter writer = JournalWriter.start(journal, 1_000, Duration.ofMinutes(5))) {
      intent = writer.markInFlight("run-1", 1, T0);
      outcome = writer.recordOutcome("run-1", 1, Outcome.revoked(204, "evt", T0, 1));
      lateIntent = writer.markInFlight("run-1", 1, T0);
    }

    assertThat(intent).isCompleted().isNotCompletedExceptionally();
    assertThat(outcome).isCompleted().isNotCompletedExceptionally();
    assertThat(lateIntent).isCompletedExceptionally();
    TargetRecord target = journal.targetsInState("run-1", EnumSet.of(TargetState.REVOKED)).get(0);
    assertThat(target.attempts()).isEqualTo(1);
  }

  @Test
  void writerRefusesWritesAfterClose() {
    JournalWriter writer = JournalWriter.start(journal);
    writer.close();

    assertThat(writer.markInFlight("run-1", 1, T0)).isCompletedExceptionally();
  }

  @Test
  void listRunsGivesNewestFirstWithCountsByState() {
    journal.createRun(Fixtures.run("run-old", T0));
    journal.createRun(Fixtures.run("run-new", T0.plusSeconds(60)));
    journal.createRun(Fixtures.run("run-empty", T0.plusSeconds(30)));
    journal.addTargets("run-old", Fixtures.targets(5));
    journal.addTargets("run-new", Fixtures.targets(3));
    journal.recordOutcome("run-old", 1, Outcome.revoked(200, "e", T0, 1));
    journal.recordOutcome("run-old", 2, Outcome.failed(500, "SERVER_ERROR", "boom", T0, 1L));
    journal.finishRun("run-old", RunState.COMPLETED_WITH_FAILURES, T0.plusSeconds(5), null);

    List<RunSummary> runs = journal.listRuns();

    assertThat(runs)
        .extracting(r -> r.run().runId())
        .containsExactly("run-new", "run-empty", "run-old");
    assertThat(runs.get(0).counts()).containsEntry(TargetState.PENDING, 3L);
    assertThat(runs.get(1).total()).isZero();
    assertThat(runs.get(2).counts())
        .containsEntry(TargetState.PENDING, 3L)
        .containsEntry(TargetState.REVOKED, 1L)
        .containsEntry(TargetState.FAILED, 1L);
    assertThat(runs.get(2).run().state()).isEqualTo(RunState.COMPLETED_WITH_FAILURES);
    assertThat(journal.listRuns(1)).extracting(r -> r.run().runId()).containsExactly("run-new");
  }

  @Test
  void countsByTenantGroupsEachTenantsTargets() {
    journal.createRun(Fixtures.run("run-1", T0));
    journal.addTargets("run-1", Fixtures.targets(14));
    journal.recordOutcome("run-1", 7, Outcome.revoked(200, "e", T0, 1));

    Map<String, Map<TargetState, Long>> counts = journal.countsByTenant("run-1");

    assertThat(counts).hasSize(7);
    assertThat(counts.get("tenant-0"))
        .containsEntry(TargetState.REVOKED, 1L)
        .containsEntry(TargetState.PENDING, 1L);
  }

  @Test
  void lastRevocationIsTheNewestRevokedAcrossRuns() {
    journal.createRun(Fixtures.run("run-1", T0));
    journal.createRun(Fixtures.run("run-2", T0.plusSeconds(3600)));
    journal.addTargets("run-1", List.of(Fixtures.target(1, "fed", "idp-a")));
    journal.addTargets(
        "run-2", List.of(Fixtures.target(1, "fed", "idp-a"), Fixtures.target(2, "fed", "idp-b")));
    journal.recordOutcome("run-1", 1, Outcome.revoked(200, "evt-1", T0.plusSeconds(10), 1));
    journal.recordOutcome("run-2", 1, Outcome.revoked(200, "evt-2", T0.plusSeconds(3610), 1));
    journal.recordOutcome("run-2", 2, Outcome.failed(403, "FORBIDDEN", null, T0, 1L));

    assertThat(journal.lastRevocation("fed", "idp-a"))
        .get()
        .satisfies(r -> assertThat(r.runId()).isEqualTo("run-2"))
        .satisfies(r -> assertThat(r.completedAt()).isEqualTo(T0.plusSeconds(3610)))
        .satisfies(r -> assertThat(r.evidence()).isEqualTo("evt-2"));
    assertThat(journal.lastRevocation("fed", "idp-b")).isEmpty();
    assertThat(journal.lastRevocations())
        .extracting(Revocation::identityProviderId, Revocation::runId)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("idp-a", "run-2"));
  }

  @Test
  void claimRunSucceedsOnlyWhenTheHeartbeatIsStale() {
    journal.createRun(Fixtures.run("run-1", T0));
    Instant later = T0.plusSeconds(20);
    assertThat(journal.heartbeat("run-1", "node-a", later)).isTrue();

    assertThat(journal.claimRun("run-1", "node-b", later, later.plusSeconds(1))).isFalse();
    assertThat(journal.runsToResume(later)).isEmpty();
    assertThat(journal.runsToResume(later.plusSeconds(1)))
        .extracting(RunRecord::runId)
        .containsExactly("run-1");
    assertThat(journal.claimRun("run-1", "node-b", later.plusSeconds(1), later.plusSeconds(2)))
        .isTrue();

    assertThat(journal.heartbeat("run-1", "node-a", later.plusSeconds(3))).isFalse();
    assertThat(journal.findRun("run-1")).get().extracting(RunRecord::ownerNode).isEqualTo("node-b");
  }

  @Test
  void interruptedRunCanBeClaimedAgain() {
    journal.createRun(Fixtures.run("run-1", T0));
    journal.finishRun("run-1", RunState.INTERRUPTED, T0.plusSeconds(1), "shutdown");

    assertThat(journal.claimRun("run-1", "node-b", T0, T0.plusSeconds(2))).isTrue();
    assertThat(journal.findRun("run-1"))
        .get()
        .extracting(RunRecord::state)
        .isEqualTo(RunState.RUNNING);
  }

  @Test
  void finishRunRefusesARunThatIsNotRunning() {
    journal.createRun(Fixtures.run("run-1", T0));
    journal.finishRun("run-1", RunState.ABORTED, T0.plusSeconds(1), "operator said stop");

    assertThat(journal.findRun("run-1"))
        .get()
        .extracting(RunRecord::abortReason)
        .isEqualTo("operator said stop");
    assertThatThrownBy(() -> journal.finishRun("run-1", RunState.COMPLETED, T0, null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("run=run-1");
  }

  @Test
  void onlyOneOfTwoConcurrentClaimersWins() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 20; round++) {
        String runId = "run-" + round;
        journal.createRun(Fixtures.run(runId, T0));
        assertThat(claimTogether(pool, runId)).containsExactlyInAnyOrder(true, false);
      }
    } finally {
      pool.shutdown();
    }
  }

  private List<Boolean> claimTogether(ExecutorService pool, String runId) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    Instant stale = T0.plusSeconds(60);
    List<Callable<Boolean>> claims =
        List.of(
            () -> claimAfter(start, runId, "node-b", stale),
            () -> claimAfter(start, runId, "node-c", stale));
    List<Future<Boolean>> futures = new ArrayList<>();
    for (Callable<Boolean> claim : claims) {
      futures.add(pool.submit(claim));
    }
    start.countDown();
    List<Boolean> results = new ArrayList<>();
    for (Future<Boolean> future : futures) {
      results.add(future.get(30, TimeUnit.SECONDS));
    }
    return results;
  }

  private boolean claimAfter(CountDownLatch start, String runId, String node, Instant stale)
      throws InterruptedException {
    start.await();
    return journal.claimRun(runId, node, stale, stale);
  }
}
