package dev.rotor.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Keeps the published plan schema in step with the parser. */
class PlanSchemaTest {
  private static final Path PLANS = Path.of("../plans");

  private static Schema schema() throws IOException {
    String text = Files.readString(PLANS.resolve("plan.schema.json"));
    return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
        .getSchema(text, InputFormat.JSON);
  }

  private static List<Path> examplePlans() throws IOException {
    try (Stream<Path> files = Files.list(PLANS)) {
      return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
  }

  @Test
  void everyExamplePlanIsValidForTheSchemaAndTheParser() throws IOException {
    Schema schema = schema();
    List<Path> plans = examplePlans();

    assertThat(plans).isNotEmpty();
    for (Path plan : plans) {
      List<Error> errors = schema.validate(Files.readString(plan), InputFormat.YAML);
      assertThat(errors).as("schema errors in %s", plan).isEmpty();
      assertThat(PlanLoader.load(plan, null).name()).isNotBlank();
    }
  }

  @Test
  void theSchemaRejectsWhatTheParserRejects() throws IOException {
    Schema schema = schema();
    Set<String> sameVerdict =
        Set.of("unknown-field.yaml", "missing-field.yaml", "bad-id.yaml", "bad-limits.yaml");

    for (String name : sameVerdict) {
      String text = Files.readString(Path.of("src/test/resources/plans/bad", name));
      assertThat(schema.validate(text, InputFormat.YAML))
          .as("schema verdict on %s", name)
          .isNotEmpty();
    }
  }
}
