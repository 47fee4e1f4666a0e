package dev.rotor.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Edits, breaks and deletes a plan file under a running daemon. */
class PlanReloadTest {
  @TempDir Path dir;
  DaemonFixture fixture;
  Daemon daemon;

  @BeforeEach
  void setUp() throws Exception {
    fixture = new DaemonFixture(dir);
    fixture.writePlan("rotating", DaemonFixture.cron("0 0 3 * * ?", "skip"));
    daemon = fixture.start("node-a");
  }

  @AfterEach
  void tearDown() {
    daemon.close();
  }

  @Test
  void changedPlanIsRescheduled() throws Exception {
    fixture.writePlan("rotating", DaemonFixture.cron("0 0 4 * * ?", "skip"));

    await().atMost(Duration.ofSeconds(10)).until(() -> nextFireHour() == 4);
  }

  @Test
  void invalidPlanKeepsItsPreviousScheduleAndShowsItsProblems() throws Exception {
    Path file = fixture.plans.resolve("rotating.yaml");
    Files.writeString(file, Files.readString(file).replace("0 0 3 * * ?", "every day at three"));

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !daemon.catalog().entries().get("rotating.yaml").problems().isEmpty());

    assertThat(daemon.catalog().entries().get("rotating.yaml").problems())
        .anySatisfy(p -> assertThat(p).contains("rotating.yaml:").contains("schedule.cron"));
    assertThat(nextFireHour()).isEqualTo(3);
    assertThat(daemon.catalog().plan("rotating.yaml")).isPresent();
  }

  @Test
  void deletedPlanIsUnscheduled() throws Exception {
    Files.delete(fixture.plans.resolve("rotating.yaml"));

    await().atMost(Duration.ofSeconds(10)).until(() -> daemon.schedules().list().isEmpty());
    assertThat(daemon.catalog().entries()).isEmpty();
  }

  @Test
  void newPlanIsScheduledAndAPlanWithoutScheduleIsNot() throws Exception {
    fixture.writePlan("added", DaemonFixture.cron("0 30 5 * * ?", "skip"));
    fixture.writePlan("by-hand", null);

    await().atMost(Duration.ofSeconds(10)).until(() -> daemon.schedules().list().size() == 2);
    assertThat(daemon.schedules().list())
        .extracting(PlanSchedules.Scheduled::planName)
        .containsExactly("added", "rotating");
  }

  private int nextFireHour() throws Exception {
    return daemon.schedules().nextFire("rotating").orElseThrow().atZone(ZoneOffset.UTC).getHour();
  }
}
