package dev.rotor.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rotor.input.InvalidInputException;
import dev.rotor.input.Problem;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlanLoaderTest {
  private static final Path BAD = Path.of("src/test/resources/plans/bad");
  private static final Set<String> CREDENTIALS = Set.of("acme-sa", "globex-sa");

  private static List<String> problems(String file) {
    Path path = BAD.resolve(file);
    var e =
        catchThrowableOfType(InvalidInputException.class, () -> PlanLoader.load(path, CREDENTIALS));
    assertThat(e).as("%s must be rejected", file).isNotNull();
    return e.problems().stream().map(Problem::format).toList();
  }

  private static String at(String file, int line, int column) {
    return BAD.resolve(file) + ":" + line + ":" + column + ": ";
  }

  @Test
  void readsTheQuarterlyTemplate() {
    Plan plan = PlanLoader.load(Path.of("../plans/quarterly-rotation.yaml"), CREDENTIALS);

    assertThat(plan.name()).isEqualTo("quarterly-rotation");
    assertThat(plan.window()).isEqualTo(Duration.ofHours(2));
    assertThat(plan.schedule().zone()).isEqualTo(ZoneId.of("Europe/Paris"));
    assertThat(plan.schedule().misfire()).isEqualTo(Schedule.Misfire.FIRE_ONCE);
    assertThat(plan.schedule().blackouts()).hasSize(1);
    assertThat(plan.safety().canary()).isEqualTo(2);
    assertThat(plan.tenants()).extracting(Tenant::name).containsExactly("acme", "globex");
    Federation selected = plan.tenants().get(0).federations().get(0);
    assertThat(selected.selector().matches(IdpType.WORKLOAD, "prod-payments")).isTrue();
    assertThat(selected.selector().matches(IdpType.WORKLOAD, "staging-payments")).isFalse();
    assertThat(plan.tenants().get(1).federations().get(0).identityProviderIds()).hasSize(2);
    assertThat(plan.sha256()).hasSize(64);
  }

  @Test
  void rejectsTextThatIsNotYaml() {
    assertThat(problems("not-yaml.yaml"))
        .singleElement()
        .asString()
        .startsWith(BAD.resolve("not-yaml.yaml") + ":3:")
        .contains("not valid YAML");
  }

  @Test
  void suggestsTheFieldAnUnknownOneWasMeantToBe() {
    assertThat(problems("unknown-field.yaml"))
        .containsExactly(
            at("unknown-field.yaml", 4, 3)
                + "safety.maxFailureRatoi: unknown field (did you mean 'maxFailureRatio'?)");
  }

  @Test
  void namesEveryMissingRequiredField() {
    assertThat(problems("missing-field.yaml"))
        .containsExactly(
            at("missing-field.yaml", 1, 1) + "window: missing required field",
            at("missing-field.yaml", 3, 5) + "tenants[0].credential: missing required field");
  }

  @Test
  void rejectsIdsThatAreNot24LowercaseHexDigits() {
    assertThat(problems("bad-id.yaml"))
        .containsExactly(
            at("bad-id.yaml", 7, 31)
                + "tenants[0].federations[0].federationSettingsId: expected 24 lowercase"
                + " hexadecimal digits, found '0123456789ABCDEF01234567'",
            at("bad-id.yaml", 8, 29)
                + "tenants[0].federations[0].identityProviders[0]: expected 24 lowercase"
                + " hexadecimal digits, found '0123456789abcdef0123456'");
  }

  @Test
  void rejectsAnIdentityProviderListedTwiceOrUnderTwoTenants() {
    assertThat(problems("duplicate-idp.yaml"))
        .containsExactly(
            at("duplicate-idp.yaml", 10, 13)
                + "tenants[0].federations[0].identityProviders[1]: identity provider"
                + " aaaaaaaaaaaaaaaaaaaaaaaa is listed twice (first by tenant 'acme' at"
                + " tenants[0].federations[0], line 9)",
            at("duplicate-idp.yaml", 17, 13)
                + "tenants[1].federations[0].identityProviders[1]: identity provider"
                + " aaaaaaaaaaaaaaaaaaaaaaaa is listed twice (first by tenant 'acme' at"
                + " tenants[0].federations[0], line 9)");
  }

  @Test
  void rejectsATenantDefinedTwice() {
    assertThat(problems("duplicate-tenant.yaml"))
        .containsExactly(
            at("duplicate-tenant.yaml", 9, 11)
                + "tenants[1].name: tenant 'acme' is already defined at line 4");
  }

  @Test
  void rejectsACredentialTheConfigDoesNotDefine() {
    assertThat(problems("unknown-credential.yaml"))
        .containsExactly(
            at("unknown-credential.yaml", 5, 17)
                + "tenants[0].credential: unknown credential 'acme-sb' (did you mean 'acme-sa'?)");
  }

  @Test
  void rejectsAnInvalidCron() {
    assertThat(problems("invalid-cron.yaml"))
        .singleElement()
        .asString()
        .startsWith(at("invalid-cron.yaml", 3, 9) + "schedule.cron: invalid cron: ")
        .endsWith("(expected a Quartz cron expression such as '0 0 3 1 */3 ?')");
  }

  @Test
  void rejectsAnUnknownTimeZone() {
    assertThat(problems("unknown-zone.yaml"))
        .containsExactly(
            at("unknown-zone.yaml", 4, 13)
                + "schedule.timeZone: unknown time zone 'Europe/Atlantis' (expected an IANA time"
                + " zone such as Europe/Paris or UTC)");
  }

  @Test
  void rejectsZeroAndNegativeLimitsAndARatioOutsideZeroToOne() {
    assertThat(problems("bad-limits.yaml"))
        .containsExactly(
            at("bad-limits.yaml", 4, 25)
                + "safety.maxIdentityProviders: must be at least 1, found 0",
            at("bad-limits.yaml", 5, 20)
                + "safety.maxFailureRatio: must be between 0.0 and 1.0, found 1.5",
            at("bad-limits.yaml", 9, 18) + "tenants[0].concurrency: must be at least 1, found -2",
            at("bad-limits.yaml", 10, 27)
                + "tenants[0].rateLimit.capacity: must be at least 1, found 0");
  }
}
