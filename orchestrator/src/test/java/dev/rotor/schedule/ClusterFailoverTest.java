package dev.rotor.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rotor.config.StoreSettings;
import dev.rotor.journal.Journal;
import dev.rotor.journal.RunRecord;
import dev.rotor.journal.RunState;
import dev.rotor.journal.TargetRecord;
import dev.rotor.journal.TargetState;
import dev.rotor.report.ReportSchema;
import dev.rotor.sandbox.BucketLimit;
import dev.rotor.sandbox.Fleet;
import dev.rotor.sandbox.FleetFiles;
import dev.rotor.sandbox.Revocation;
import dev.rotor.sandbox.SandboxServer;
import dev.rotor.sandbox.SandboxSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Starts three daemon processes on one PostgreSQL database against the sandbox, lets a plan fire,
 * kills the node running it with SIGKILL, and checks that another node resumed the same run and
 * that every identity provider was revoked exactly once. Prints how long the failover took.
 */
class ClusterFailoverTest {
  private static final Pattern PORT = Pattern.compile("ops endpoints on port (\\d+)");
  private static final int NODES = 3;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path dir;
  EmbeddedPostgres postgres;
  SandboxServer sandbox;
  final List<Node> nodes = new ArrayList<>();
  final HttpClient http = HttpClient.newHttpClient();
  StoreSettings store;
  Journal journal;

  @BeforeEach
  void startPostgresAndSandbox() throws IOException {
    postgres = EmbeddedPostgres.start();
    store = new StoreSettings(postgres.getJdbcUrl("postgres", "postgres"), "postgres", null, 8);
    Fleet fleet = Fleet.generate(3, 2, 10, 7L);
    sandbox = SandboxServer.start(SandboxSettings.of(fleet).withPort(0));
    BucketLimit slow = new BucketLimit(1, 1, Duration.ofMillis(400));
    new FleetFiles(fleet, sandbox.baseUrl(), slow, "cluster failover").write(dir);
    Files.writeString(
        dir.resolve("rotor.yaml"), clusterConfig(), java.nio.file.StandardOpenOption.APPEND);
    Files.createDirectories(dir.resolve("plans"));
  }

  @AfterEach
  void stopEverything() throws Exception {
    for (Node node : nodes) {
      node.process.destroyForcibly().waitFor();
    }
    if (journal != null) {
      journal.close();
    }
    sandbox.close();
    postgres.close();
  }

  @Test
  void killedNodesRunIsResumedByAnotherNodeAndEachIdpIsRevokedOnce() throws Exception {
    for (int i = 1; i <= NODES; i++) {
      nodes.add(startNode("node-" + i));
    }
    for (Node node : nodes) {
      await().atMost(Duration.ofSeconds(60)).until(() -> ready(node));
    }
    writeScheduledPlan();

    RunRecord running =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(this::runWithRevocations, Optional::isPresent)
            .orElseThrow();
    Node victim =
        nodes.stream().filter(n -> n.id.equals(running.ownerNode())).findFirst().orElseThrow();
    long revokedBeforeKill = sandbox.revocations().size();
    victim.process.destroyForcibly().waitFor();
    Instant killedAt = Instant.now();

    RunRecord taken =
        await()
            .atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofMillis(200))
            .until(() -> run(running.runId()), r -> !victim.id.equals(r.ownerNode()));
    Instant resumedAt = Instant.now();
    RunRecord finished =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> run(running.runId()), r -> r.state().isFinished());
    Instant finishedAt = Instant.now();

    Map<TargetState, Long> counts = counts(running.runId());
    Map<String, Long> revokedPerIdp =
        sandbox.revocations().stream()
            .collect(Collectors.groupingBy(Revocation::identityProviderId, Collectors.counting()));
    assertThat(taken.ownerNode()).isNotEqualTo(victim.id);
    assertThat(revokedPerIdp.values()).allMatch(n -> n == 1);
    assertThat((long) revokedPerIdp.size()).isEqualTo(counts.get(TargetState.REVOKED));
    assertThat(counts.get(TargetState.PENDING)).isZero();
    assertThat(counts.get(TargetState.IN_FLIGHT)).isZero();
    assertUnknownOnlyWhatNeverReachedAtlas(running.runId(), revokedPerIdp, finished);
    assertThat(runCount()).isEqualTo(1);
    assertReportComplete(finished, revokedPerIdp.size());
    Node resumer = node(taken.ownerNode());
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> scrape(resumer).contains("rotor_revocations_total{"));
    System.out.printf(
        "cluster failover: run=%s killed %s after %d of %d revocations; resumed by %s %d ms after"
            + " the kill; run finished %d ms after the kill (%s)%n",
        running.runId(),
        victim.id,
        revokedBeforeKill,
        revokedPerIdp.size(),
        taken.ownerNode(),
        Duration.between(killedAt, resumedAt).toMillis(),
        Duration.between(killedAt, finishedAt).toMillis(),
        counts);

    handsOverOnSigterm();
  }

  /**
   * Fires a second plan over the same fleet, stops the node running it with SIGTERM, and checks
   * that the node drains and exits, and that another node resumes the interrupted run at once.
   */
  private void handsOverOnSigterm() throws Exception {
    int before = sandbox.revocations().size();
    String plan =
        Files.readString(dir.resolve("plans/fleet.yaml"))
            .replace("name: sandbox-fleet", "name: fleet-again")
            .replace("cooldown: PT1H", "cooldown: PT1S")
            .replaceAll("cron: \"[^\"]*\"", "cron: \"" + onceCron(3) + "\"");
    Files.writeString(dir.resolve("plans/fleet-again.yaml"), plan);
    RunRecord running =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(this::runWithRevocations, Optional::isPresent)
            .orElseThrow();
    Node owner = node(running.ownerNode());

    Instant signalledAt = Instant.now();
    long exitMillis = stopGracefully(owner);
    RunRecord taken =
        await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(100))
            .until(() -> run(running.runId()), r -> !owner.id.equals(r.ownerNode()));
    Instant resumedAt = Instant.now();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> run(running.runId()), r -> r.state() == RunState.COMPLETED);
    Instant finishedAt = Instant.now();

    Map<String, Long> again =
        sandbox.revocations().subList(before, sandbox.revocations().size()).stream()
            .collect(Collectors.groupingBy(Revocation::identityProviderId, Collectors.counting()));
    assertThat(again.values()).allMatch(n -> n == 1);
    assertThat((long) again.size()).isEqualTo(counts(running.runId()).get(TargetState.REVOKED));
    System.out.printf(
        "cluster SIGTERM: run=%s on %s: drained and exited in %d ms; resumed by %s %d ms after"
            + " the signal; finished %d ms after the signal, %d revocations%n",
        running.runId(),
        owner.id,
        exitMillis,
        taken.ownerNode(),
        Duration.between(signalledAt, resumedAt).toMillis(),
        Duration.between(signalledAt, finishedAt).toMillis(),
        again.size());
  }

  private static String onceCron(int seconds) {
    String schedule = DaemonFixture.onceIn(seconds, "skip");
    return schedule.substring(
        schedule.indexOf('"') + 1, schedule.indexOf('"', schedule.indexOf('"') + 1));
  }

  private Node node(String id) {
    return nodes.stream().filter(n -> n.id.equals(id)).findFirst().orElseThrow();
  }

  /**
   * A node killed between journaling an intent and writing its request leaves a target that Atlas
   * never saw and that no event settles: it must end UNKNOWN (never sent again by itself), and be
   * one the victim had in flight, so at most one per tenant lane. Anything else completes.
   */
  private void assertUnknownOnlyWhatNeverReachedAtlas(
      String runId, Map<String, Long> revokedPerIdp, RunRecord finished) {
    List<TargetRecord> unknown =
        withJournal(journal -> journal.targetsInState(runId, Set.of(TargetState.UNKNOWN)));
    assertThat(unknown).hasSizeLessThanOrEqualTo(3);
    assertThat(unknown)
        .allSatisfy(
            t -> {
              assertThat(revokedPerIdp).doesNotContainKey(t.identityProviderId());
              assertThat(t.reason()).contains("in flight when the run stopped");
            });
    assertThat(finished.state())
        .isEqualTo(unknown.isEmpty() ? RunState.COMPLETED : RunState.COMPLETED_WITH_FAILURES);
  }

  private void assertReportComplete(RunRecord run, int revoked) throws IOException {
    Path folder = dir.resolve("reports").resolve(run.planName()).resolve(run.runId());
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> Files.isRegularFile(folder.resolve("report.html")));
    JsonNode report = JSON.readTree(Files.readString(folder.resolve("report.json")));
    ReportSchema.assertValid(folder.resolve("report.json"));
    assertThat(report.get("state").asString()).isEqualTo(run.state().name());
    assertThat(report.get("counts").get("REVOKED").asLong()).isEqualTo(revoked);
    assertThat(report.get("targets").size()).isEqualTo(report.get("counts").get("total").asInt());
    assertThat(folder.resolve("report.html")).isRegularFile();
  }

  private String scrape(Node node) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port(node) + "/metrics")).build();
    return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
  }

  /** Sends SIGTERM and returns how long the node took to drain and exit. */
  private static long stopGracefully(Node node) throws InterruptedException {
    long started = System.nanoTime();
    node.process.destroy();
    assertThat(node.process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    return (System.nanoTime() - started) / 1_000_000;
  }

  private String clusterConfig() {
    return """
        store:
          url: %s
          username: postgres
        reports:
          dir: %s
        engine:
          drainTimeout: PT5S
          cooldown: PT1S
        daemon:
          checkinInterval: PT2S
          staleRunAfter: PT5S
          planPollInterval: PT0.5S
        """
        .formatted(store.jdbcUrl(), dir.resolve("reports"));
  }

  private void writeScheduledPlan() throws IOException {
    String plan = Files.readString(dir.resolve("plan.yaml"));
    String schedule = "schedule:\n" + DaemonFixture.onceIn(4, "skip").indent(2);
    Files.writeString(
        dir.resolve("plans/fleet.yaml"), plan.replace("window:", schedule + "window:"));
  }

  private Node startNode(String id) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path log = Files.createDirectories(Path.of("target", "cluster-test")).resolve(id + ".log");
    ProcessBuilder builder =
        new ProcessBuilder(
                java,
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.rotor.cli.Main",
                "daemon",
                "--config",
                dir.resolve("rotor.yaml").toString(),
                "--plans",
                dir.resolve("plans").toString(),
                "--http-port",
                "0",
                "--node-id",
                id)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().putAll(env());
    return new Node(id, builder.start(), log);
  }

  private Map<String, String> env() throws IOException {
    Map<String, String> env = new LinkedHashMap<>();
    for (String line : Files.readAllLines(dir.resolve("rotor.env"))) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        env.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return env;
  }

  private boolean ready(Node node) throws Exception {
    assertThat(node.process.isAlive()).as("%s is alive, see %s", node.id, node.log).isTrue();
    String port = port(node);
    if (port == null) {
      return false;
    }
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready")).build();
    return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
  }

  private static String port(Node node) throws IOException {
    Matcher port = PORT.matcher(Files.readString(node.log));
    return port.find() ? port.group(1) : null;
  }

  private Optional<RunRecord> runWithRevocations() {
    return withJournal(
        journal ->
            journal.listRuns().stream()
                .filter(s -> s.run().state() == RunState.RUNNING)
                .filter(s -> s.counts().get(TargetState.REVOKED) >= 10)
                .map(s -> s.run())
                .findFirst());
  }

  private RunRecord run(String runId) {
    return withJournal(journal -> journal.findRun(runId).orElseThrow());
  }

  private Map<TargetState, Long> counts(String runId) {
    return withJournal(journal -> journal.countsByState(runId));
  }

  private int runCount() {
    return withJournal(journal -> journal.listRuns().size());
  }

  private <T> T withJournal(Function<Journal, T> read) {
    if (journal == null) {
      journal = Journal.open(store);
    }
    return read.apply(journal);
  }

  private record Node(String id, Process process, Path log) {}
}
