package dev.rotor.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rotor.journal.RunState;
import dev.rotor.journal.TargetState;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks that reports written by earlier Rotors still read, and later ones are refused plainly. */
class RunReportsTest {
  private static final Path V1 = Path.of("src/test/resources/dev/rotor/report/report-v1.json");

  @Test
  void aVersionOneReportFromAnEarlierReleaseReads() {
    RunReport report = RunReports.read(V1);

    assertThat(report.schemaVersion()).isEqualTo(1);
    assertThat(report.state()).isEqualTo(RunState.COMPLETED_WITH_FAILURES);
    assertThat(report.counts()).containsEntry("total", 2L).containsEntry("REVOKED", 1L);
    assertThat(report.targets())
        .extracting(ReportEntry::outcome)
        .containsExactly(TargetState.REVOKED, TargetState.FAILED);
    assertThat(report.targets().get(0).completedAt()).hasToString("2026-10-04T01:00:03.500Z");
  }

  @Test
  void aReportOfANewerSchemaIsRefusedWithItsVersion(@TempDir Path tmp) throws Exception {
    Path newer = tmp.resolve("report.json");
    Files.writeString(
        newer, Files.readString(V1).replace("\"schemaVersion\" : 1", "\"schemaVersion\" : 7"));

    assertThatThrownBy(() -> RunReports.read(newer))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("schemaVersion 7");
  }
}
