package dev.rotor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotor.sandbox.Fleet;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

class SandboxCommandTest {

  private static final YAMLMapper YAML = YAMLMapper.builder().build();

  @TempDir Path dir;

  @Test
  void fleetOutWritesFourFilesForGeneratedFleet() throws Exception {
    int exit =
        run(
            "fleet",
            "--tenants",
            "2",
            "--federations-per-tenant",
            "2",
            "--idps-per-federation",
            "10",
            "--seed",
            "42",
            "--out",
            dir.toString(),
            "--base-url",
            "http://127.0.0.1:9999");

    assertThat(exit).isZero();
    assertThat(Fleet.read(dir.resolve("fleet.json"))).isEqualTo(Fleet.generate(2, 2, 10, 42));
    JsonNode plan = YAML.readTree(Files.readString(dir.resolve("plan.yaml")));
    assertThat(plan.get("name").asString()).isEqualTo("sandbox-fleet");
    assertThat(plan.get("description").asString()).contains("seed 42");
    JsonNode tenant = plan.get("tenants").get(0);
    assertThat(tenant.get("name").asString()).isEqualTo("tenant-0001");
    assertThat(tenant.get("credential").asString()).isEqualTo("tenant-0001-sa");
    assertThat(tenant.get("rateLimit").get("period").asString()).isEqualTo("PT1M");
    assertThat(tenant.get("federations").size()).isEqualTo(2);
    assertThat(tenant.get("federations").get(0).get("select").get("all").asString())
        .isEqualTo("OIDC");
    JsonNode config = YAML.readTree(Files.readString(dir.resolve("rotor.yaml")));
    assertThat(config.get("atlas").get("baseUrl").asString()).isEqualTo("http://127.0.0.1:9999");
    JsonNode credential = config.get("credentials").get("tenant-0001-sa");
    assertThat(credential.get("type").asString()).isEqualTo("service-account");
    assertThat(credential.get("clientId").asString()).isEqualTo("${env:TENANT_0001_SA_CLIENT_ID}");
    List<String> env = Files.readAllLines(dir.resolve("rotor.env"));
    assertThat(env).hasSize(4);
    assertThat(env.get(0)).startsWith("TENANT_0001_SA_CLIENT_ID=mdb_sa_id_");
    assertThat(env.get(1)).startsWith("TENANT_0001_SA_CLIENT_SECRET=mdb_sa_sk_");
  }

  @Test
  void fleetOutForDemoNamesApiKeyVariables() throws Exception {
    assertThat(run("fleet", "--out", dir.toString())).isZero();

    JsonNode config = YAML.readTree(Files.readString(dir.resolve("rotor.yaml")));
    JsonNode key = config.get("credentials").get("initech-key");
    assertThat(key.get("type").asString()).isEqualTo("api-key");
    assertThat(key.get("publicKey").asString()).isEqualTo("${env:INITECH_KEY_PUBLIC_KEY}");
    assertThat(key.get("privateKey").asString()).isEqualTo("${env:INITECH_KEY_PRIVATE_KEY}");
    assertThat(Files.readAllLines(dir.resolve("rotor.env")))
        .contains("INITECH_KEY_PUBLIC_KEY=initechk");
    JsonNode plan = YAML.readTree(Files.readString(dir.resolve("plan.yaml")));
    assertThat(plan.get("tenants").size()).isEqualTo(3);
    assertThat(plan.get("safety").get("maxIdentityProviders").asInt()).isEqualTo(15);
  }

  @Test
  void fixtureAndTenantsTogetherIsBadUsage() {
    int exit = run("fleet", "--fixture", "x.json", "--tenants", "2", "--out", dir.toString());

    assertThat(exit).isEqualTo(2);
  }

  @Test
  void missingOutIsBadUsage() {
    assertThat(run("fleet")).isEqualTo(2);
  }

  @Test
  void unreadableFixtureIsBadInput() {
    int exit = run("fleet", "--fixture", dir.resolve("missing.json").toString(), "--out", "x");

    assertThat(exit).isEqualTo(2);
  }

  private static int run(String... args) {
    CommandLine commandLine = new CommandLine(new SandboxCommand());
    commandLine.setOut(new PrintWriter(new StringWriter()));
    commandLine.setErr(new PrintWriter(new StringWriter()));
    return commandLine.execute(args);
  }
}
