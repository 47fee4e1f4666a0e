package dev.rotor.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotor.journal.Journal;
import dev.rotor.plan.Plan;
import dev.rotor.plan.PlanLoader;
import dev.rotor.plan.Schedule;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks the last revocation of every identity provider and what is overdue. */
class HistoryTest {
  private static final Plan QUARTERLY =
      PlanLoader.load(Path.of("../plans/quarterly-rotation.yaml"), null);

  @TempDir Path tmp;
  private Journal journal;

  @BeforeEach
  void journalTwoRuns() {
    journal = ReportFixture.journal(tmp);
    ReportFixture.cleanRun(journal, "run-1", ReportFixture.T0);
    ReportFixture.awkwardRun(journal, "run-2", ReportFixture.T0.plusSeconds(3_600), 0);
  }

  @AfterEach
  void closeJournal() {
    journal.close();
  }

  @Test
  void theIntervalIsBetweenTheTwoFireTimesAfterTheRevocation() {
    Schedule quarterly =
        new Schedule(
            "0 0 3 ? 1,4,7,10 SUN#1", ZoneId.of("Europe/Paris"), Schedule.Misfire.SKIP, List.of());

    Duration interval = History.interval(quarterly, ReportFixture.T0).orElseThrow();

    assertThat(interval).isEqualTo(Duration.ofDays(91).minusHours(1));
  }

  @Test
  void everyIdentityProviderOfThePlanHasARow() {
    List<HistoryRow> rows =
        History.compute(
            journal, List.of(QUARTERLY), null, ReportFixture.T0.plus(Duration.ofDays(10)));

    assertThat(rows).hasSize(6);
    assertThat(rows)
        .filteredOn(r -> r.status() == HistoryRow.Status.OK)
        .extracting(r -> r.tenant() + "/" + r.identityProviderId() + "@" + r.runId())
        .containsExactly("acme/idp-1@run-2", "globex/idp-3@run-1");
    assertThat(rows).filteredOn(r -> r.status() == HistoryRow.Status.NEVER_REVOKED).hasSize(4);
  }

  @Test
  void aRevocationOlderThanTheIntervalIsOverdue() {
    List<HistoryRow> rows =
        History.compute(
            journal,
            List.of(QUARTERLY),
            "quarterly-rotation",
            ReportFixture.T0.plus(Duration.ofDays(200)));

    assertThat(rows).filteredOn(r -> r.status() == HistoryRow.Status.OVERDUE).hasSize(2);
  }

  @Test
  void aPlanWithoutItsFileIsUnscheduled() {
    List<HistoryRow> rows = History.compute(journal, List.of(), null, ReportFixture.T0);

    assertThat(rows).filteredOn(r -> r.status() == HistoryRow.Status.UNSCHEDULED).hasSize(2);
    assertThat(History.compute(journal, List.of(), "another-plan", ReportFixture.T0)).isEmpty();
  }

  @Test
  void everyFormatListsEveryRow() {
    List<HistoryRow> rows = History.compute(journal, List.of(QUARTERLY), null, ReportFixture.T0);

    for (String format : List.of("text", "csv", "md")) {
      StringWriter out = new StringWriter();
      HistoryReport.write(rows, format, out);
      assertThat(out.toString()).as(format).contains("idp-6", "NEVER_REVOKED", "run-1");
    }
    StringWriter json = new StringWriter();
    HistoryReport.write(rows, "json", json);
    assertThat(Reports.JSON.readTree(json.toString()).size()).isEqualTo(6);
  }
}
