package dev.rotor.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The published JSON Schema of {@code report.json}, for tests that check written reports. */
public final class ReportSchema {
  private static final Schema SCHEMA = load();

  private ReportSchema() {}

  /** Asserts that the report at {@code reportJson} is valid for the published schema. */
  public static void assertValid(Path reportJson) {
    try {
      List<Error> errors = SCHEMA.validate(Files.readString(reportJson), InputFormat.JSON);
      assertThat(errors).as("schema errors of %s", reportJson).isEmpty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Schema load() {
    try (InputStream in = ReportWriter.class.getResourceAsStream("report.schema.json")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
          .getSchema(text, InputFormat.JSON);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
