package dev.rotor.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rotor.journal.Journal;
import dev.rotor.journal.RunRecord;
import dev.rotor.journal.RunState;
import dev.rotor.journal.RunSummary;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.CronTrigger;
import org.quartz.Trigger;

/** Fires plans on an embedded H2 store with real Quartz, and the fake engine. */
class DaemonSchedulingTest {
  @TempDir Path dir;
  DaemonFixture fixture;
  Daemon daemon;

  @BeforeEach
  void setUp() throws Exception {
    fixture = new DaemonFixture(dir);
  }

  @AfterEach
  void tearDown() {
    if (daemon != null) {
      daemon.close();
    }
  }

  @Test
  void firesPlanAtItsCronTimeAndRecordsTheRun() throws Exception {
    daemon = fixture.start("node-a");
    fixture.writePlan("nightly", DaemonFixture.onceIn(2, "skip"));

    await().atMost(Duration.ofSeconds(15)).until(() -> finished(daemon).size() == 1);

    RunRecord run = finished(daemon).get(0).run();
    assertThat(run.planName()).isEqualTo("nightly");
    assertThat(run.state()).isEqualTo(RunState.COMPLETED);
    assertThat(run.startedBy()).isEqualTo("scheduler@node-a");
  }

  @Test
  void runsOfOnePlanNeverOverlap() throws Exception {
    fixture.writePlan("busy", DaemonFixture.cron("* * * * * ?", "fire-once"));
    fixture.holdRuns = true;
    daemon = fixture.start("node-a");

    await().atMost(Duration.ofSeconds(10)).until(() -> fixture.fake().started.size() == 1);
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(6))
        .until(() -> fixture.fake().started.size() == 1);
    fixture.fake().release();
    await().atMost(Duration.ofSeconds(10)).until(() -> fixture.fake().started.size() >= 3);

    assertThat(fixture.fake().mostAtOnce).hasValue(1);
  }

  @Test
  void skipsFireWhileAnotherNodeRunsThePlan() throws Exception {
    fixture.writePlan("shared", DaemonFixture.cron("* * * * * ?", "skip"));
    try (Journal journal = Journal.open(fixture.config.store())) {
      journal.createRun(
          RunRecord.started(
              "run-elsewhere",
              "shared",
              "sha",
              "plans/shared.yaml",
              "test",
              "scheduler@node-b",
              null,
              Instant.now().plus(Duration.ofHours(1)),
              false,
              "node-b"));
    }
    daemon = fixture.start("node-a");

    await().atMost(Duration.ofSeconds(10)).until(() -> fires(daemon, "shared", "skipped") >= 2);

    assertThat(fixture.fake().started).doesNotContain("shared");
  }

  @Test
  void planThatNeverFiresAgainIsRefusedWithoutStoppingTheDaemon() throws Exception {
    fixture.writePlan("past", DaemonFixture.cron("0 0 3 1 1 ? 2001", "skip"));
    fixture.writePlan("future", DaemonFixture.cron("0 0 3 * * ?", "skip"));

    daemon = fixture.start("node-a");

    assertThat(daemon.catalog().entries().get("past.yaml").problems())
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("never fire");
    assertThat(daemon.schedules().list())
        .extracting(PlanSchedules.Scheduled::planName)
        .containsExactly("future");
  }

  @Test
  void schedulesInThePlansZoneWithItsBlackouts() throws Exception {
    String schedule =
        """
        cron: "0 0 3 * * ?"
        timeZone: Europe/Paris
        misfire: skip
        blackouts:
          - {from: 2099-01-01T00:00, to: 2099-01-03T00:00, reason: freeze}
        """;
    fixture.writePlan("paris", schedule);
    daemon = fixture.start("node-a");

    Trigger trigger = daemon.scheduler().getTrigger(PlanSchedules.triggerKey("paris"));
    assertThat(trigger).isInstanceOf(CronTrigger.class);
    assertThat(((CronTrigger) trigger).getTimeZone().getID()).isEqualTo("Europe/Paris");
    assertThat(trigger.getMisfireInstruction())
        .isEqualTo(CronTrigger.MISFIRE_INSTRUCTION_DO_NOTHING);
    assertThat(
            trigger
                .getNextFireTime()
                .toInstant()
                .atZone(java.time.ZoneId.of("Europe/Paris"))
                .getHour())
        .isEqualTo(3);
    var calendar = daemon.scheduler().getCalendar(trigger.getCalendarName());
    long frozen =
        java.time.LocalDateTime.parse("2099-01-02T03:00")
            .atZone(java.time.ZoneId.of("Europe/Paris"))
            .toInstant()
            .toEpochMilli();
    assertThat(calendar.isTimeIncluded(frozen)).isFalse();
    assertThat(calendar.isTimeIncluded(frozen + Duration.ofDays(1).toMillis())).isTrue();
  }

  private static long fires(Daemon daemon, String plan, String outcome) {
    var counter =
        daemon.registry().find("rotor.plan.fires").tags("plan", plan, "outcome", outcome).counter();
    return counter == null ? 0 : (long) counter.count();
  }

  private static List<RunSummary> finished(Daemon daemon) {
    return daemon.journal().listRuns().stream().filter(s -> s.run().state().isFinished()).toList();
  }
}
