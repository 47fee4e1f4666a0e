package dev.rotor.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.Scheduler;
import org.quartz.impl.StdSchedulerFactory;

/** Drives the catalog's polls by hand, to show which states of a file it applies. */
class PlanCatalogTest {
  @TempDir Path dir;
  Scheduler scheduler;
  PlanSchedules schedules;
  PlanCatalog catalog;
  Path file;

  @BeforeEach
  void setUp() throws Exception {
    Properties props = new Properties();
    props.setProperty(
        StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, "catalog-test-" + dir.hashCode());
    props.setProperty("org.quartz.threadPool.threadCount", "1");
    props.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
    scheduler = new StdSchedulerFactory(props).getScheduler();
    schedules = new PlanSchedules(scheduler);
    catalog = new PlanCatalog(dir, Set.of("acme-sa"), schedules);
    file = dir.resolve("rotating.yaml");
    Files.writeString(
        file, DaemonFixture.plan("rotating", DaemonFixture.cron("0 0 3 * * ?", "skip")));
    catalog.poll();
  }

  @AfterEach
  void tearDown() throws Exception {
    scheduler.shutdown();
  }

  @Test
  void theFirstPollAppliesWhatItFinds() throws Exception {
    assertThat(catalog.plan("rotating.yaml")).isPresent();
    assertThat(schedules.list())
        .extracting(PlanSchedules.Scheduled::planName)
        .containsExactly("rotating");
  }

  @Test
  void aFileCaughtHalfWrittenIsNotReportedOnceItIsWhole() throws Exception {
    Files.writeString(file, "");
    catalog.poll();
    Files.writeString(
        file, DaemonFixture.plan("rotating", DaemonFixture.cron("0 0 4 * * ?", "skip")));
    catalog.poll();

    assertThat(catalog.entries().get("rotating.yaml").problems()).isEmpty();
    assertThat(nextFireHour()).isEqualTo(3);

    catalog.poll();

    assertThat(catalog.entries().get("rotating.yaml").problems()).isEmpty();
    assertThat(nextFireHour()).isEqualTo(4);
  }

  @Test
  void aBrokenFileIsReportedOnceItHasSettled() throws Exception {
    Files.writeString(file, "name: rotating\nschedule: [\n");
    catalog.poll();

    assertThat(catalog.entries().get("rotating.yaml").problems()).isEmpty();

    catalog.poll();

    assertThat(catalog.entries().get("rotating.yaml").problems())
        .singleElement()
        .asString()
        .contains("rotating.yaml:");
    assertThat(nextFireHour()).isEqualTo(3);
  }

  @Test
  void aFileMissingForOnePollKeepsItsSchedule() throws Exception {
    String text = Files.readString(file);
    Files.delete(file);
    catalog.poll();

    assertThat(schedules.list())
        .extracting(PlanSchedules.Scheduled::planName)
        .containsExactly("rotating");

    Files.writeString(file, text);
    catalog.poll();
    catalog.poll();

    assertThat(schedules.list())
        .extracting(PlanSchedules.Scheduled::planName)
        .containsExactly("rotating");

    Files.delete(file);
    catalog.poll();
    catalog.poll();

    assertThat(schedules.list()).isEmpty();
    assertThat(catalog.entries()).isEmpty();
  }

  private int nextFireHour() throws Exception {
    return schedules.nextFire("rotating").orElseThrow().atZone(java.time.ZoneOffset.UTC).getHour();
  }
}
