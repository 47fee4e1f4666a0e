package dev.rotor.cli;

import dev.rotor.engine.Estimate;
import dev.rotor.engine.Preview;
import dev.rotor.journal.TargetRecord;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Prints what a run of a plan would do, as text for people or JSON for programs. */
final class PreviewPrinter {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private PreviewPrinter() {}

  static void text(Preview preview, PrintWriter out) {
    out.println("Plan " + preview.plan().name() + " (" + preview.plan().source() + ")");
    Map<String, Map<String, List<TargetRecord>>> grouped = grouped(preview);
    grouped.forEach(
        (tenant, federations) -> {
          out.println("  tenant " + tenant);
          federations.forEach(
              (fsId, targets) -> {
                out.println("    federation " + fsId);
                targets.forEach(t -> out.println("      " + line(t)));
              });
        });
    out.println(
        "To revoke: "
            + preview.resolution().pendingCount()
            + " identity provider(s); organizations logged out: "
            + preview.organizations().size()
            + " distinct");
    out.println("Skipped: " + preview.skipped().size());
    for (Estimate estimate : preview.estimates()) {
      out.println(
          "  estimate tenant "
              + estimate.tenant()
              + ": "
              + estimate.targets()
              + " in about "
              + ProgressDisplay.format(estimate.duration()));
    }
    out.println(
        "Estimated duration: "
            + ProgressDisplay.format(preview.estimate())
            + " (window "
            + ProgressDisplay.format(preview.plan().window())
            + ")");
    if (preview.exceedsWindow()) {
      out.println(
          "WARNING: the estimate exceeds the plan's window; the run will stop starting revocations"
              + " when the window closes, leaving the rest for rotor resume");
    }
    out.flush();
  }

  private static Map<String, Map<String, List<TargetRecord>>> grouped(Preview preview) {
    return preview.resolution().targets().stream()
        .collect(
            Collectors.groupingBy(
                TargetRecord::tenant,
                LinkedHashMap::new,
                Collectors.groupingBy(
                    TargetRecord::federationSettingsId, LinkedHashMap::new, Collectors.toList())));
  }

  private static String line(TargetRecord t) {
    String name = t.displayName() == null ? "" : " \"" + t.displayName() + "\"";
    String type = t.idpType() == null ? "" : " " + t.idpType();
    String what =
        t.reason() != null
            ? "SKIPPED: " + t.reason()
            : "revoke, logs out " + String.join(", ", t.organizationIds());
    String note = t.note() == null ? "" : " (" + t.note() + ")";
    return t.identityProviderId() + name + type + ": " + what + note;
  }

  static void json(Preview preview, PrintWriter out) {
    ObjectNode root = JSON.createObjectNode();
    root.put("plan", preview.plan().name());
    root.put("planFile", preview.plan().source().toString());
    root.put("planSha256", preview.plan().sha256());
    root.put("toRevoke", preview.resolution().pendingCount());
    root.put("skipped", preview.skipped().size());
    ArrayNode orgs = root.putArray("organizations");
    preview.organizations().forEach(orgs::add);
    root.put("estimatedSeconds", preview.estimate().toSeconds());
    root.put("windowSeconds", preview.plan().window().toSeconds());
    root.put("exceedsWindow", preview.exceedsWindow());
    ArrayNode targets = root.putArray("targets");
    for (TargetRecord t : preview.resolution().targets()) {
      ObjectNode node = targets.addObject();
      node.put("tenant", t.tenant());
      node.put("federationSettingsId", t.federationSettingsId());
      node.put("identityProviderId", t.identityProviderId());
      node.put("displayName", t.displayName());
      node.put("idpType", t.idpType());
      node.put("action", t.reason() == null ? "REVOKE" : "SKIP");
      node.put("reason", t.reason());
      node.put("note", t.note());
      ArrayNode targetOrgs = node.putArray("organizations");
      t.organizationIds().forEach(targetOrgs::add);
    }
    out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    out.flush();
  }
}
