package dev.rotor.plan;

import static dev.rotor.input.Checker.path;

import dev.rotor.config.RateLimit;
import dev.rotor.input.Checker;
import dev.rotor.input.InvalidInputException;
import dev.rotor.input.Node;
import dev.rotor.input.Problem;
import dev.rotor.input.YamlReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.quartz.CronExpression;

/**
 * Reads plan files and checks them completely before anything touches Atlas: every problem is
 * reported with its file, line, column and field, all at once.
 */
public final class PlanLoader {
  private static final Pattern ATLAS_ID = Pattern.compile("[a-f0-9]{24}");
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
  private static final List<String> PLAN_FIELDS =
      List.of("name", "description", "schedule", "window", "safety", "tenants");
  private static final List<String> SCHEDULE_FIELDS =
      List.of("cron", "timeZone", "misfire", "blackouts");
  private static final List<String> BLACKOUT_FIELDS = List.of("from", "to", "reason");
  private static final List<String> SAFETY_FIELDS =
      List.of("maxIdentityProviders", "maxFailureRatio", "canary", "confirm", "cooldown");
  private static final List<String> TENANT_FIELDS =
      List.of("name", "credential", "rateLimit", "concurrency", "federations");
  private static final List<String> FEDERATION_FIELDS =
      List.of("federationSettingsId", "identityProviders", "select");
  private static final List<String> SELECT_FIELDS = List.of("all", "idpType", "displayName");

  private final @Nullable Set<String> credentialNames;
  private final Checker check = new Checker();
  private final Map<String, String> idpOwners = new LinkedHashMap<>();

  private PlanLoader(@Nullable Set<String> credentialNames) {
    this.credentialNames = credentialNames;
  }

  /**
   * Reads and checks the plan at {@code file}. When {@code credentialNames} is not null, each
   * tenant's credential must be one of them.
   *
   * @throws InvalidInputException listing every problem found
   */
  public static Plan load(Path file, @Nullable Set<String> credentialNames) {
    Node root = YamlReader.read(file);
    return new PlanLoader(credentialNames).plan(root, file, sha256(file));
  }

  private static String sha256(Path file) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
      return HexFormat.of().formatHex(digest);
    } catch (IOException e) {
      throw new InvalidInputException(
          List.of(new Problem(file.toString(), 0, 0, "", "cannot be read: " + e.getMessage())));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  private Plan plan(Node root, Path file, String sha256) {
    Node.Mapping top = check.mapping(root, "").orElse(null);
    if (top == null) {
      check.throwIfAny();
    }
    check.onlyFields(top, "", PLAN_FIELDS);
    String name = check.required(top, "", "name").flatMap(n -> name(n, "name")).orElse("");
    String description =
        check.optional(top, "description").flatMap(n -> text(n, "description")).orElse(null);
    Schedule schedule = check.optional(top, "schedule").flatMap(this::schedule).orElse(null);
    var window = check.required(top, "", "window").flatMap(n -> check.duration(n, "window"));
    Safety safety = check.optional(top, "safety").flatMap(this::safety).orElse(Safety.defaults());
    List<Tenant> tenants = check.required(top, "", "tenants").map(this::tenants).orElse(List.of());
    check.throwIfAny();
    return new Plan(
        name, description, schedule, window.orElseThrow(), safety, tenants, file, sha256);
  }

  private Optional<String> text(Node node, String path) {
    return check.text(node, path);
  }

  private Optional<String> name(Node node, String path) {
    Optional<String> value = check.text(node, path);
    if (value.isPresent() && !NAME.matcher(value.get()).matches()) {
      String rule = "lowercase letters, digits and '-', starting with a letter or digit";
      check.problem(node.location(), path, "expected " + rule + ", found " + quote(value.get()));
      return Optional.empty();
    }
    return value;
  }

  private static String quote(String text) {
    return "'" + text + "'";
  }

  private Optional<Schedule> schedule(Node node) {
    String at = "schedule";
    Optional<Node.Mapping> mapping = check.mapping(node, at);
    if (mapping.isEmpty()) {
      return Optional.empty();
    }
    Node.Mapping m = mapping.get();
    check.onlyFields(m, at, SCHEDULE_FIELDS);
    var cron = check.required(m, at, "cron").flatMap(n -> cron(n, path(at, "cron")));
    var zone = check.required(m, at, "timeZone").flatMap(n -> zone(n, path(at, "timeZone")));
    var misfire = check.optional(m, "misfire").map(n -> misfire(n, path(at, "misfire")));
    var blackouts = check.optional(m, "blackouts").map(n -> blackouts(n, path(at, "blackouts")));
    if (cron.isEmpty() || zone.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new Schedule(
            cron.get(),
            zone.get(),
            misfire.orElse(Schedule.Misfire.SKIP),
            blackouts.orElse(List.of())));
  }

  private Optional<String> cron(Node node, String path) {
    Optional<String> text = check.text(node, path);
    try {
      if (text.isPresent()) {
        CronExpression.validateExpression(text.get());
      }
      return text;
    } catch (ParseException e) {
      String reason = e.getMessage();
      String expected = "a Quartz cron expression such as '0 0 3 1 */3 ?'";
      check.problem(
          node.location(), path, "invalid cron: " + reason + " (expected " + expected + ")");
      return Optional.empty();
    }
  }

  private Optional<ZoneId> zone(Node node, String path) {
    Optional<String> text = check.text(node, path);
    try {
      return text.map(ZoneId::of);
    } catch (DateTimeException e) {
      String expected = "an IANA time zone such as Europe/Paris or UTC";
      check.problem(
          node.location(),
          path,
          "unknown time zone " + quote(text.orElseThrow()) + " (expected " + expected + ")");
      return Optional.empty();
    }
  }

  private Schedule.Misfire misfire(Node node, String path) {
    Optional<String> text = check.text(node, path);
    for (Schedule.Misfire policy : Schedule.Misfire.values()) {
      if (text.isPresent() && policy.yamlName().equals(text.get())) {
        return policy;
      }
    }
    text.ifPresent(
        t ->
            check.problem(
                node.location(),
                path,
                "unknown misfire policy " + quote(t) + " (expected skip or fire-once)"));
    return Schedule.Misfire.SKIP;
  }

  private List<Blackout> blackouts(Node node, String path) {
    List<Blackout> result = new ArrayList<>();
    List<Node> items = check.list(node, path).orElse(List.of());
    for (int i = 0; i < items.size(); i++) {
      blackout(items.get(i), path(path, i)).ifPresent(result::add);
    }
    return result;
  }

  private Optional<Blackout> blackout(Node node, String path) {
    Optional<Node.Mapping> mapping = check.mapping(node, path);
    if (mapping.isEmpty()) {
      return Optional.empty();
    }
    Node.Mapping m = mapping.get();
    check.onlyFields(m, path, BLACKOUT_FIELDS);
    var from = check.required(m, path, "from").flatMap(n -> dateTime(n, path(path, "from")));
    var to = check.required(m, path, "to").flatMap(n -> dateTime(n, path(path, "to")));
    String reason =
        check.optional(m, "reason").flatMap(n -> text(n, path(path, "reason"))).orElse(null);
    if (from.isEmpty() || to.isEmpty()) {
      return Optional.empty();
    }
    if (!to.get().isAfter(from.get())) {
      check.problem(m.location(), path(path, "to"), "must be after 'from'");
      return Optional.empty();
    }
    return Optional.of(new Blackout(from.get(), to.get(), reason));
  }

  private Optional<LocalDateTime> dateTime(Node node, String path) {
    Optional<String> text = check.text(node, path);
    try {
      return text.map(LocalDateTime::parse);
    } catch (DateTimeParseException e) {
      String expected = "a local date and time such as 2026-12-24T00:00";
      check.problem(
          node.location(), path, "expected " + expected + ", found " + quote(text.orElseThrow()));
      return Optional.empty();
    }
  }

  private Optional<Safety> safety(Node node) {
    String at = "safety";
    Optional<Node.Mapping> mapping = check.mapping(node, at);
    if (mapping.isEmpty()) {
      return Optional.empty();
    }
    Node.Mapping m = mapping.get();
    check.onlyFields(m, at, SAFETY_FIELDS);
    Safety defaults = Safety.defaults();
    long max =
        check
            .optional(m, "maxIdentityProviders")
            .flatMap(n -> check.integer(n, path(at, "maxIdentityProviders"), 1))
            .orElse((long) defaults.maxIdentityProviders());
    double ratio =
        check
            .optional(m, "maxFailureRatio")
            .flatMap(n -> check.decimal(n, path(at, "maxFailureRatio"), 0, 1))
            .orElse(defaults.maxFailureRatio());
    long canary =
        check
            .optional(m, "canary")
            .flatMap(n -> check.integer(n, path(at, "canary"), 0))
            .orElse((long) defaults.canary());
    boolean confirm =
        check.optional(m, "confirm").flatMap(n -> check.bool(n, path(at, "confirm"))).orElse(true);
    var cooldown = check.optional(m, "cooldown").flatMap(n -> check.duration(n, "safety.cooldown"));
    return Optional.of(
        new Safety(
            (int) Math.min(max, Integer.MAX_VALUE),
            ratio,
            (int) Math.min(canary, Integer.MAX_VALUE),
            confirm,
            cooldown.orElse(null)));
  }

  private List<Tenant> tenants(Node node) {
    List<Node> items = check.list(node, "tenants").orElse(List.of());
    if (items.isEmpty() && node instanceof Node.Sequence) {
      check.problem(node.location(), "tenants", "expected at least one tenant");
    }
    Map<String, Node.Location> seen = new LinkedHashMap<>();
    List<Tenant> result = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      tenant(items.get(i), path("tenants", i), seen).ifPresent(result::add);
    }
    return result;
  }

  private Optional<Tenant> tenant(Node node, String at, Map<String, Node.Location> seen) {
    Optional<Node.Mapping> mapping = check.mapping(node, at);
    if (mapping.isEmpty()) {
      return Optional.empty();
    }
    Node.Mapping m = mapping.get();
    check.onlyFields(m, at, TENANT_FIELDS);
    Optional<String> name = check.required(m, at, "name").flatMap(n -> name(n, path(at, "name")));
    name.ifPresent(n -> uniqueTenant(n, m.get("name").orElseThrow(), at, seen));
    var credential = check.required(m, at, "credential").flatMap(n -> credential(n, at));
    RateLimit rate = check.optional(m, "rateLimit").flatMap(n -> rateLimit(n, at)).orElse(null);
    Integer concurrency =
        check
            .optional(m, "concurrency")
            .flatMap(n -> check.integer(n, path(at, "concurrency"), 1))
            .map(Long::intValue)
            .orElse(null);
    String tenantName = name.orElse("?");
    List<Federation> federations =
        check
            .required(m, at, "federations")
            .map(n -> federations(n, path(at, "federations"), tenantName))
            .orElse(List.of());
    if (name.isEmpty() || credential.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Tenant(name.get(), credential.get(), rate, concurrency, federations));
  }

  private void uniqueTenant(String name, Node node, String at, Map<String, Node.Location> seen) {
    Node.Location first = seen.putIfAbsent(name, node.location());
    if (first != null) {
      check.problem(
          node.location(),
          path(at, "name"),
          "tenant " + quote(name) + " is already defined at line " + first.line());
    }
  }

  private Optional<String> credential(Node node, String at) {
    String path = path(at, "credential");
    Optional<String> name = check.text(node, path);
    if (name.isPresent() && credentialNames != null && !credentialNames.contains(name.get())) {
      String hint =
          dev.rotor.input.Suggestions.closest(name.get(), credentialNames)
              .map(s -> "did you mean '" + s + "'?")
              .orElse(
                  "the config defines: "
                      + String.join(", ", new java.util.TreeSet<>(credentialNames)));
      check.problem(
          node.location(), path, "unknown credential " + quote(name.get()) + " (" + hint + ")");
    }
    return name;
  }

  private Optional<RateLimit> rateLimit(Node node, String tenantPath) {
    return RateLimit.read(check, node, path(tenantPath, "rateLimit"));
  }

  private List<Federation> federations(Node node, String at, String tenant) {
    List<Node> items = check.list(node, at).orElse(List.of());
    if (items.isEmpty() && node instanceof Node.Sequence) {
      check.problem(node.location(), at, "expected at least one federation");
    }
    List<Federation> result = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      federation(items.get(i), path(at, i), tenant).ifPresent(result::add);
    }
    return result;
  }

  private Optional<Federation> federation(Node node, String at, String tenant) {
    Optional<Node.Mapping> mapping = check.mapping(node, at);
    if (mapping.isEmpty()) {
      return Optional.empty();
    }
    Node.Mapping m = mapping.get();
    check.onlyFields(m, at, FEDERATION_FIELDS);
    String idPath = path(at, "federationSettingsId");
    var fsId = check.required(m, at, "federationSettingsId").flatMap(n -> atlasId(n, idPath));
    var ids = check.optional(m, "identityProviders");
    var select = check.optional(m, "select");
    if (ids.isPresent() == select.isPresent()) {
      String message = "give either 'identityProviders' (a list of ids) or 'select', not ";
      check.problem(m.location(), at, message + (ids.isPresent() ? "both" : "neither"));
    }
    String where = "tenant " + quote(tenant) + " at " + at;
    List<String> idpIds =
        ids.map(n -> idpIds(n, path(at, "identityProviders"), fsId.orElse(""), where))
            .orElse(List.of());
    Selector selector = select.flatMap(n -> selector(n, path(at, "select"))).orElse(null);
    return fsId.map(id -> new Federation(id, idpIds, selector));
  }

  private Optional<String> atlasId(Node node, String path) {
    Optional<String> text = check.text(node, path);
    if (text.isPresent() && !ATLAS_ID.matcher(text.get()).matches()) {
      check.problem(
          node.location(),
          path,
          "expected 24 lowercase hexadecimal digits, found " + quote(text.get()));
      return Optional.empty();
    }
    return text;
  }

  private List<String> idpIds(Node node, String at, String fsId, String where) {
    List<Node> items = check.list(node, at).orElse(List.of());
    if (items.isEmpty() && node instanceof Node.Sequence) {
      check.problem(node.location(), at, "expected at least one identity provider id");
    }
    List<String> result = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      Node item = items.get(i);
      String path = path(at, i);
      atlasId(item, path)
          .filter(id -> firstMention(fsId, id, item, path, where))
          .ifPresent(result::add);
    }
    return result;
  }

  private boolean firstMention(String fsId, String idpId, Node node, String path, String where) {
    String here = where + ", line " + node.location().line();
    String first = idpOwners.putIfAbsent(fsId + "/" + idpId, here);
    if (first != null) {
      check.problem(
          node.location(),
          path,
          "identity provider " + idpId + " is listed twice (first by " + first + ")");
      return false;
    }
    return true;
  }

  private Optional<Selector> selector(Node node, String at) {
    Optional<Node.Mapping> mapping = check.mapping(node, at);
    if (mapping.isEmpty()) {
      return Optional.empty();
    }
    Node.Mapping m = mapping.get();
    check.onlyFields(m, at, SELECT_FIELDS);
    check.required(m, at, "all").ifPresent(n -> protocol(n, path(at, "all")));
    Set<IdpType> types =
        check
            .optional(m, "idpType")
            .map(n -> idpTypes(n, path(at, "idpType")))
            .orElse(EnumSet.allOf(IdpType.class));
    String glob =
        check
            .optional(m, "displayName")
            .flatMap(n -> text(n, path(at, "displayName")))
            .orElse(null);
    return Optional.of(new Selector(types, glob));
  }

  private void protocol(Node node, String path) {
    check
        .text(node, path)
        .filter(text -> !text.equals("OIDC"))
        .ifPresent(
            text ->
                check.problem(
                    node.location(),
                    path,
                    "JWKS can only be revoked for OIDC identity providers: expected OIDC, found "
                        + quote(text)));
  }

  private Set<IdpType> idpTypes(Node node, String path) {
    List<Node> items = node instanceof Node.Sequence seq ? seq.items() : List.of(node);
    Set<IdpType> types = EnumSet.noneOf(IdpType.class);
    for (Node item : items) {
      check.text(item, path).flatMap(t -> idpType(t, item, path)).ifPresent(types::add);
    }
    return types.isEmpty() ? EnumSet.allOf(IdpType.class) : types;
  }

  private Optional<IdpType> idpType(String text, Node node, String path) {
    try {
      return Optional.of(IdpType.valueOf(text.toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      check.problem(
          node.location(),
          path,
          "unknown identity provider type " + quote(text) + " (expected WORKFORCE or WORKLOAD)");
      return Optional.empty();
    }
  }
}
