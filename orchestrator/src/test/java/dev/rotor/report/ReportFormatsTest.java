package dev.rotor.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotor.config.RotorConfig;
import dev.rotor.journal.Journal;
import dev.rotor.journal.TargetState;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

/** Checks that every format of one run tells the same story, and that each is well-formed. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportFormatsTest {
  @TempDir static Path tmp;
  private Journal journal;
  private RotorConfig config;
  private Path dir;
  private RunReport report;

  @BeforeAll
  void writeOneRun() {
    journal = ReportFixture.journal(tmp);
    config = ReportFixture.config(tmp);
    ReportFixture.awkwardRun(journal, "run-1", ReportFixture.T0, 60);
    dir = ReportWriter.writeAll(journal, "run-1", config);
    report = RunReports.read(dir.resolve("report.json"));
  }

  @AfterAll
  void closeJournal() {
    journal.close();
  }

  @Test
  void jsonCountsMatchTheJournal() {
    Map<TargetState, Long> journaled = journal.countsByState("run-1");

    for (TargetState state : TargetState.values()) {
      assertThat(report.counts().get(state.name())).as("%s", state).isEqualTo(journaled.get(state));
    }
    assertThat(report.counts().get("total")).isEqualTo(66L);
    assertThat(report.targets()).hasSize(66);
    assertThat(report.countsByTenant().keySet())
        .containsExactlyInAnyOrderElementsOf(journal.countsByTenant("run-1").keySet());
  }

  @Test
  void jsonHoldsTheRunFactsAndTheBlastRadius() {
    assertThat(report.schemaVersion()).isEqualTo(1);
    assertThat(report.planName()).isEqualTo(ReportFixture.PLAN);
    assertThat(report.reason()).isEqualTo("Q4 rotation, ticket SEC-1234");
    assertThat(report.startedAt()).isEqualTo("2026-12-03T18:15:00.123Z");
    assertThat(report.blastRadius().organizationsLoggedOut())
        .contains(ReportFixture.org(1), ReportFixture.org(2))
        .doesNotContain(ReportFixture.org(4))
        .hasSize(62);
    assertThat(report.blastRadius().organizationsPossiblyLoggedOut())
        .containsExactly(ReportFixture.org(4), ReportFixture.org(5));
    ReportEntry duplicate = report.targets().get(3);
    assertThat(duplicate.outcome()).isEqualTo(TargetState.SKIPPED);
    assertThat(duplicate.note()).isEqualTo("also selected by tenant acme");
  }

  @Test
  void jsonIsValidForThePublishedSchema() {
    ReportSchema.assertValid(dir.resolve("report.json"));
  }

  @Test
  void csvRoundTripsToTheJsonEntries() throws Exception {
    List<Map<String, String>> rows = csvRows(dir.resolve("report.csv"));

    assertThat(rows).hasSize(report.targets().size());
    for (int i = 0; i < rows.size(); i++) {
      List<@Nullable String> cells = report.targets().get(i).cells();
      for (int c = 0; c < ReportEntry.COLUMNS.size(); c++) {
        String column = ReportEntry.COLUMNS.get(c);
        assertThat(unneutralise(rows.get(i).get(column)))
            .as("row %d column %s", i, column)
            .isEqualTo(cells.get(c) == null ? "" : cells.get(c));
      }
    }
  }

  @Test
  void csvNeutralisesFormulas() throws Exception {
    List<Map<String, String>> rows = csvRows(dir.resolve("report.csv"));

    assertThat(rows.get(1).get("displayName")).isEqualTo("'=HYPERLINK(\"x\")");
    assertThat(rows.get(1).get("errorCode")).isEqualTo("'-ATLAS_FORBIDDEN");
    assertThat(rows.get(2).get("reason")).isEqualTo("'\tresponse timeout");
    assertThat(rows.get(4).get("displayName")).startsWith("'+");
    assertThat(rows.get(5).get("displayName")).isEqualTo("'@SUM(A1)");
    assertThat(rows.get(2).get("displayName")).isEqualTo("Azure, AD\nsecond line");
  }

  private static List<Map<String, String>> csvRows(Path file) throws Exception {
    CsvMapper csv = CsvMapper.builder().build();
    try (MappingIterator<Map<String, String>> it =
        csv.readerForMapOf(String.class)
            .with(CsvSchema.emptySchema().withHeader())
            .readValues(file.toFile())) {
      return it.readAll();
    }
  }

  private static String unneutralise(String cell) {
    return cell.startsWith("'") ? cell.substring(1) : cell;
  }

  @Test
  void htmlTableHasTheSameRowsAsTheJson() throws Exception {
    Document html = xml(dir.resolve("report.html"));
    Element table = byId(html, "targets");
    NodeList rows =
        ((Element) table.getElementsByTagName("tbody").item(0)).getElementsByTagName("tr");

    assertThat(rows.getLength()).isEqualTo(report.targets().size());
    for (int i = 0; i < rows.getLength(); i++) {
      Element row = (Element) rows.item(i);
      ReportEntry entry = report.targets().get(i);
      assertThat(row.getAttribute("data-outcome")).isEqualTo(entry.outcome().name());
      assertThat(row.getAttribute("data-tenant")).isEqualTo(entry.tenant());
      NodeList tds = row.getElementsByTagName("td");
      List<String> texts = new ArrayList<>();
      for (int c = 0; c < tds.getLength(); c++) {
        texts.add(tds.item(c).getTextContent());
      }
      assertThat(texts).isEqualTo(entry.cells().stream().map(s -> s == null ? "" : s).toList());
    }
  }

  @Test
  void htmlSummaryCountsMatchTheJson() throws Exception {
    Element summary = byId(xml(dir.resolve("report.html")), "summary");
    Element all = (Element) summary.getElementsByTagName("tfoot").item(0);
    NodeList tds = all.getElementsByTagName("td");

    assertThat(Long.parseLong(tds.item(0).getTextContent()))
        .isEqualTo(report.counts().get("total"));
    for (int i = 1; i < tds.getLength(); i++) {
      Element td = (Element) tds.item(i);
      assertThat(Long.parseLong(td.getTextContent()))
          .isEqualTo(report.counts().get(td.getAttribute("data-outcome")));
    }
  }

  @Test
  void htmlIsSelfContainedAndEscaped() throws Exception {
    String html = Files.readString(dir.resolve("report.html"));

    assertThat(html).doesNotContain("http://", "https://", "<link", "@import", "url(");
    Matcher src = Pattern.compile("src\\s*=\\s*[\"']?([^\"'\\s>]*)").matcher(html);
    while (src.find()) {
      assertThat(src.group(1)).startsWith("data:");
    }
    assertThat(html).doesNotContain("<b>prod</b>").contains("&lt;b&gt;prod&lt;/b&gt;");
    assertThat(html).contains("@media print");
  }

  private static Document xml(Path file) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    return factory.newDocumentBuilder().parse(file.toFile());
  }

  private static Element byId(Document doc, String id) {
    NodeList all = doc.getElementsByTagName("*");
    for (int i = 0; i < all.getLength(); i++) {
      Element e = (Element) all.item(i);
      if (id.equals(e.getAttribute("id"))) {
        return e;
      }
    }
    throw new AssertionError("no element with id " + id);
  }

  @Test
  void markdownCountsMatchTheJsonAndListTheFailures() throws Exception {
    List<String> lines = Files.readAllLines(dir.resolve("report.md"));
    String all =
        lines.stream().filter(l -> l.startsWith("| **all tenants**")).findFirst().orElseThrow();
    List<String> cells = List.of(all.split("\\s*\\|\\s*"));

    assertThat(Long.parseLong(cells.get(2))).isEqualTo(report.counts().get("total"));
    TargetState[] states = TargetState.values();
    for (int i = 0; i < states.length; i++) {
      assertThat(Long.parseLong(cells.get(3 + i))).isEqualTo(report.counts().get(states[i].name()));
    }
    assertThat(lines).contains("## Failed or unknown identity providers: 2");
    assertThat(lines.stream().filter(l -> l.matches("\\| [23] \\|.*"))).hasSize(2);
    assertThat(String.join("\n", lines)).doesNotContain("<i>").contains("&lt;i&gt;");
  }

  @Test
  void oneTenantReportHoldsOnlyThatTenant() {
    Path tenantDir = ReportWriter.writeTenant(journal, "run-1", "globex", config);
    RunReport globex = RunReports.read(tenantDir.resolve("report.json"));

    assertThat(globex.tenant()).isEqualTo("globex");
    assertThat(globex.targets()).extracting(ReportEntry::tenant).containsOnly("globex");
    assertThat(globex.counts().get("total")).isEqualTo(2L);
    assertThat(globex.countsByTenant()).containsOnlyKeys("globex");
    assertThat(ReportVerifier.verifyRun(tenantDir, publicKey()).problems()).isEmpty();
  }

  @Test
  void oneFormatGoesToAStream() {
    var out = new ByteArrayOutputStream();

    ReportWriter.write(journal, "run-1", "acme", ReportFormat.CSV, out);

    assertThat(out.toString(StandardCharsets.UTF_8).lines()).hasSize(3);
  }

  private java.security.PublicKey publicKey() {
    return ReportKeys.publicKey(ReportKeys.defaultPublicKey(config.reports()));
  }
}
