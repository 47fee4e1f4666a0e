package dev.rotor.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Checks which cells a spreadsheet would run as formulas. */
class CsvReportSinkTest {
  @Test
  void cellsStartingLikeAFormulaGetAnApostrophe() {
    assertThat(CsvReportSink.neutralise("=1+1")).isEqualTo("'=1+1");
    assertThat(CsvReportSink.neutralise("+1")).isEqualTo("'+1");
    assertThat(CsvReportSink.neutralise("-1")).isEqualTo("'-1");
    assertThat(CsvReportSink.neutralise("@SUM(A1)")).isEqualTo("'@SUM(A1)");
    assertThat(CsvReportSink.neutralise("\tx")).isEqualTo("'\tx");
    assertThat(CsvReportSink.neutralise("\rx")).isEqualTo("'\rx");
  }

  @Test
  void otherCellsStayAsTheyAre() {
    assertThat(CsvReportSink.neutralise("Okta = prod")).isEqualTo("Okta = prod");
    assertThat(CsvReportSink.neutralise("")).isEmpty();
    assertThat(CsvReportSink.neutralise(null)).isNull();
  }
}
