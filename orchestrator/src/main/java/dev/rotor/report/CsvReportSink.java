package dev.rotor.report;

import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.SequenceWriter;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * Writes {@code report.csv}: a header row, then one RFC 4180 row per identity provider with every
 * field of the JSON entry. A cell that a spreadsheet would run as a formula is neutralised with a
 * leading apostrophe.
 */
final class CsvReportSink implements ReportSink {
  static final CsvMapper CSV = CsvMapper.builder().build();
  static final CsvSchema SCHEMA = schema();
  private static final String FORMULA_STARTS = "=+-@\t\r";

  private final OutputStream out;
  private @Nullable SequenceWriter rows;

  CsvReportSink(OutputStream out) {
    this.out = out;
  }

  private static CsvSchema schema() {
    CsvSchema.Builder builder = CsvSchema.builder().setUseHeader(true).setLineSeparator("\r\n");
    ReportEntry.COLUMNS.forEach(builder::addColumn);
    return builder.setNullValue("").build();
  }

  @Override
  public void begin(ReportSummary summary) {
    rows = CSV.writer(SCHEMA).writeValues(out);
  }

  @Override
  public void entry(ReportEntry entry) {
    Map<String, @Nullable String> row = new LinkedHashMap<>();
    List<@Nullable String> cells = entry.cells();
    for (int i = 0; i < cells.size(); i++) {
      row.put(ReportEntry.COLUMNS.get(i), neutralise(cells.get(i)));
    }
    writer().write(row);
  }

  @Override
  public void end() {
    writer().flush();
  }

  private SequenceWriter writer() {
    if (rows == null) {
      throw new IllegalStateException("begin() was not called");
    }
    return rows;
  }

  /**
   * Returns {@code cell} with a leading apostrophe when a spreadsheet would run it as a formula.
   */
  static @Nullable String neutralise(@Nullable String cell) {
    if (cell == null || cell.isEmpty() || FORMULA_STARTS.indexOf(cell.charAt(0)) < 0) {
      return cell;
    }
    return "'" + cell;
  }
}
