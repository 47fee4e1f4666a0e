package dev.rotor.config;

import static dev.rotor.input.Checker.path;

import dev.rotor.input.Checker;
import dev.rotor.input.Node;
import dev.rotor.input.YamlReader;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads {@code config/rotor.yaml}, resolves its secret references and applies the environment's
 * overrides. Secrets are never written in the file: a field such as {@code clientSecret} holds a
 * reference, {@code ${env:NAME}} or {@code ${file:PATH}}, and a literal value there is an error.
 */
public final class ConfigLoader {
  private static final Pattern REFERENCE = Pattern.compile("\\$\\{(env|file):([^}]+)}");
  private static final List<String> TOP_FIELDS =
      List.of(
          "atlas",
          "credentials",
          "store",
          "reports",
          "defaults",
          "engine",
          "daemon",
          "notifications");
  private static final List<String> ATLAS_FIELDS =
      List.of(
          "baseUrl",
          "apiVersions",
          "connectTimeout",
          "responseTimeout",
          "maxConnections",
          "tokenRefreshMargin");
  private static final List<String> VERSION_FIELDS =
      List.of(
          "revokeJwks",
          "listIdentityProviders",
          "getIdentityProvider",
          "listConnectedOrgConfigs",
          "getOrgFederationSettings",
          "listOrgEvents",
          "listRateLimits");
  private static final List<String> STORE_FIELDS =
      List.of("url", "username", "password", "maxPoolSize");
  private static final List<String> ENGINE_FIELDS =
      List.of(
          "maxInFlight",
          "cooldown",
          "maxAttempts",
          "initialBackoff",
          "maxBackoff",
          "drainTimeout",
          "credentialRefusals");
  private static final Pattern VERSION = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  private final Function<String, @Nullable String> environment;
  private final Path baseDir;
  private final Checker check = new Checker();

  private ConfigLoader(Function<String, @Nullable String> environment, Path baseDir) {
    this.environment = environment;
    this.baseDir = baseDir;
  }

  /**
   * Reads the config at {@code file}, or returns the defaults with the environment's overrides when
   * {@code file} is null.
   *
   * @param environment looks up environment variables, {@code System::getenv} outside tests
   * @throws dev.rotor.input.InvalidInputException listing every problem found
   */
  public static RotorConfig load(
      @Nullable Path file, Function<String, @Nullable String> environment) {
    if (file == null) {
      var loader = new ConfigLoader(environment, Path.of("."));
      return loader.overrides(RotorConfig.defaults());
    }
    Path dir = file.toAbsolutePath().getParent();
    var loader = new ConfigLoader(environment, dir == null ? Path.of(".") : dir);
    return loader.config(YamlReader.read(file));
  }

  private RotorConfig config(Node root) {
    RotorConfig config = RotorConfig.defaults();
    Optional<Node.Mapping> top = check.mapping(root, "");
    if (top.isPresent()) {
      config = sections(top.get(), config);
      config = new DaemonSections(check, this::secret).apply(top.get(), config);
    }
    check.throwIfAny();
    return overrides(config);
  }

  private RotorConfig sections(Node.Mapping top, RotorConfig config) {
    check.onlyFields(top, "", TOP_FIELDS);
    var atlas = check.optional(top, "atlas").map(n -> atlas(n, config.atlas()));
    var credentials = check.optional(top, "credentials").map(this::credentials);
    var store = check.optional(top, "store").map(n -> store(n, config.store()));
    var reports = check.optional(top, "reports").map(n -> reports(n, config.reports()));
    var defaults = check.optional(top, "defaults").map(n -> defaults(n, config.tenantDefaults()));
    var engine = check.optional(top, "engine").map(n -> engine(n, config.engine()));
    return new RotorConfig(
        atlas.orElse(config.atlas()),
        credentials.orElse(Map.of()),
        store.orElse(config.store()),
        reports.orElse(config.reports()),
        defaults.orElse(config.tenantDefaults()),
        engine.orElse(config.engine()));
  }

  private AtlasSettings atlas(Node node, AtlasSettings defaults) {
    Optional<Node.Mapping> mapping = check.mapping(node, "atlas");
    if (mapping.isEmpty()) {
      return defaults;
    }
    Node.Mapping m = mapping.get();
    check.onlyFields(m, "atlas", ATLAS_FIELDS);
    return new AtlasSettings(
        check
            .optional(m, "baseUrl")
            .flatMap(n -> url(n, "atlas.baseUrl"))
            .orElse(defaults.baseUrl()),
        check
            .optional(m, "apiVersions")
            .map(n -> versions(n, defaults.versions()))
            .orElse(defaults.versions()),
        duration(m, "atlas", "connectTimeout").orElse(defaults.connectTimeout()),
        duration(m, "atlas", "responseTimeout").orElse(defaults.responseTimeout()),
        count(m, "atlas", "maxConnections").orElse(defaults.maxConnections()),
        duration(m, "atlas", "tokenRefreshMargin").orElse(defaults.tokenRefreshMargin()));
  }

  private Optional<Duration> duration(Node.Mapping m, String at, String key) {
    return check.optional(m, key).flatMap(n -> check.duration(n, path(at, key)));
  }

  private Optional<Integer> count(Node.Mapping m, String at, String key) {
    return check
        .optional(m, key)
        .flatMap(n -> check.integer(n, path(at, key), 1))
        .map(v -> (int) Math.min(v, Integer.MAX_VALUE));
  }

  private Optional<URI> url(Node node, String path) {
    Optional<String> text = check.text(node, path);
    try {
      Optional<URI> uri =
          text.map(t -> t.endsWith("/") ? t.substring(0, t.length() - 1) : t)
              .map(ConfigLoader::uri);
      if (uri.isPresent() && !isHttp(uri.get())) {
        check.problem(
            node.location(), path, "expected an http or https URL, found '" + text.get() + "'");
        return Optional.empty();
      }
      return uri;
    } catch (IllegalArgumentException e) {
      check.problem(node.location(), path, "expected a URL, found '" + text.orElse("") + "'");
      return Optional.empty();
    }
  }

  private static URI uri(String text) {
    try {
      return new URI(text);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static boolean isHttp(URI uri) {
    return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
        && uri.getHost() != null;
  }

  private ApiVersions versions(Node node, ApiVersions defaults) {
    String at = "atlas.apiVersions";
    Optional<Node.Mapping> mapping = check.mapping(node, at);
    if (mapping.isEmpty()) {
      return defaults;
    }
    Node.Mapping m = mapping.get();
    check.onlyFields(m, at, VERSION_FIELDS);
    return new ApiVersions(
        version(m, at, "revokeJwks", defaults.revokeJwks()),
        version(m, at, "listIdentityProviders", defaults.listIdentityProviders()),
        version(m, at, "getIdentityProvider", defaults.getIdentityProvider()),
        version(m, at, "listConnectedOrgConfigs", defaults.listConnectedOrgConfigs()),
        version(m, at, "getOrgFederationSettings", defaults.getOrgFederationSettings()),
        version(m, at, "listOrgEvents", defaults.listOrgEvents()),
        version(m, at, "listRateLimits", defaults.listRateLimits()));
  }

  private String version(Node.Mapping m, String at, String key, String fallback) {
    Optional<Node> node = check.optional(m, key);
    Optional<String> text = node.flatMap(n -> check.text(n, path(at, key)));
    if (text.isPresent() && !VERSION.matcher(text.get()).matches()) {
      String found = text.get();
      check.problem(
          node.get().location(),
          path(at, key),
          "expected a date such as 2023-11-15, found '" + found + "'");
      return fallback;
    }
    return text.orElse(fallback);
  }

  private Map<String, CredentialSpec> credentials(Node node) {
    Map<String, CredentialSpec> result = new LinkedHashMap<>();
    Optional<Node.Mapping> mapping = check.mapping(node, "credentials");
    mapping.ifPresent(
        m ->
            m.values()
                .forEach(
                    (name, value) ->
                        credential(name, value).ifPresent(spec -> result.put(name, spec))));
    return result;
  }

  private Optional<CredentialSpec> credential(String name, Node node) {
    String at = path("credentials", name);
    Optional<Node.Mapping> mapping = check.mapping(node, at);
    if (mapping.isEmpty()) {
      return Optional.empty();
    }
    Node.Mapping m = mapping.get();
    Optional<String> type =
        check.required(m, at, "type").flatMap(n -> check.text(n, path(at, "type")));
    if (type.isEmpty()) {
      return Optional.empty();
    }
    return switch (type.get()) {
      case "service-account" -> serviceAccount(name, m, at);
      case "api-key" -> apiKey(name, m, at);
      default -> {
        Node typeNode = m.get("type").orElseThrow();
        check.problem(
            typeNode.location(),
            path(at, "type"),
            "unknown credential type '" + type.get() + "' (expected service-account or api-key)");
        yield Optional.empty();
      }
    };
  }

  private Optional<CredentialSpec> serviceAccount(String name, Node.Mapping m, String at) {
    check.onlyFields(m, at, List.of("type", "clientId", "clientSecret"));
    var clientId = check.required(m, at, "clientId").flatMap(n -> plain(n, path(at, "clientId")));
    var secret =
        check.required(m, at, "clientSecret").flatMap(n -> secret(n, path(at, "clientSecret")));
    if (clientId.isEmpty() || secret.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new CredentialSpec.ServiceAccount(name, clientId.get(), secret.get()));
  }

  private Optional<CredentialSpec> apiKey(String name, Node.Mapping m, String at) {
    check.onlyFields(m, at, List.of("type", "publicKey", "privateKey"));
    var publicKey =
        check.required(m, at, "publicKey").flatMap(n -> plain(n, path(at, "publicKey")));
    var privateKey =
        check.required(m, at, "privateKey").flatMap(n -> secret(n, path(at, "privateKey")));
    if (publicKey.isEmpty() || privateKey.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new CredentialSpec.ApiKey(name, publicKey.get(), privateKey.get()));
  }

  /** Reads a value that may be written literally or as a reference (an id, a public key). */
  private Optional<String> plain(Node node, String path) {
    Optional<String> text = check.text(node, path);
    if (text.isPresent() && REFERENCE.matcher(text.get()).matches()) {
      return resolve(node, path, text.get()).map(Secret::reveal);
    }
    return text;
  }

  /** Reads a value that must be a reference, never the secret itself. */
  private Optional<Secret> secret(Node node, String path) {
    Optional<String> text = check.text(node, path);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    if (!REFERENCE.matcher(text.get()).matches()) {
      check.problem(
          node.location(),
          path,
          "a secret must not be written in the config; reference it as ${env:NAME} or"
              + " ${file:PATH} (the value was not printed)");
      return Optional.empty();
    }
    return resolve(node, path, text.get());
  }

  private Optional<Secret> resolve(Node node, String path, String reference) {
    Matcher matcher = REFERENCE.matcher(reference);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    String kind = matcher.group(1);
    String name = matcher.group(2).strip();
    Optional<String> value = kind.equals("env") ? fromEnvironment(name) : fromFile(name);
    if (value.isEmpty()) {
      String what =
          kind.equals("env") ? "environment variable " + name : "file " + baseDir.resolve(name);
      check.problem(
          node.location(),
          path,
          reference + " cannot be resolved: " + what + " is missing or empty");
    }
    return value.map(v -> Secret.of(v, reference));
  }

  private Optional<String> fromEnvironment(String name) {
    return Optional.ofNullable(environment.apply(name)).filter(v -> !v.isEmpty());
  }

  private Optional<String> fromFile(String name) {
    Path file = baseDir.resolve(name);
    try {
      return Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip())
          .filter(v -> !v.isEmpty());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private StoreSettings store(Node node, StoreSettings defaults) {
    Optional<Node.Mapping> mapping = check.mapping(node, "store");
    if (mapping.isEmpty()) {
      return defaults;
    }
    Node.Mapping m = mapping.get();
    check.onlyFields(m, "store", STORE_FIELDS);
    var url = check.optional(m, "url").flatMap(n -> jdbcUrl(n, "store.url"));
    var user = check.optional(m, "username").flatMap(n -> plain(n, "store.username"));
    var password = check.optional(m, "password").flatMap(n -> secret(n, "store.password"));
    var pool = count(m, "store", "maxPoolSize");
    return new StoreSettings(
        url.orElse(defaults.jdbcUrl()),
        user.orElse(defaults.username()),
        password.orElse(defaults.password()),
        pool.orElse(defaults.maxPoolSize()));
  }

  private Optional<String> jdbcUrl(Node node, String path) {
    Optional<String> text = check.text(node, path);
    if (text.isPresent()
        && !text.get().startsWith("jdbc:h2:")
        && !text.get().startsWith("jdbc:postgresql:")) {
      check.problem(
          node.location(),
          path,
          "expected a jdbc:h2: or jdbc:postgresql: URL, found '" + text.get() + "'");
      return Optional.empty();
    }
    return text;
  }

  private ReportSettings reports(Node node, ReportSettings defaults) {
    Optional<Node.Mapping> mapping = check.mapping(node, "reports");
    if (mapping.isEmpty()) {
      return defaults;
    }
    Node.Mapping m = mapping.get();
    check.onlyFields(m, "reports", List.of("dir", "signingKey", "publicKey"));
    var dir = check.optional(m, "dir").flatMap(n -> check.text(n, "reports.dir")).map(Path::of);
    var key = check.optional(m, "signingKey").flatMap(n -> secret(n, "reports.signingKey"));
    var publicKey =
        check
            .optional(m, "publicKey")
            .flatMap(n -> check.text(n, "reports.publicKey"))
            .map(baseDir::resolve);
    return new ReportSettings(
        dir.orElse(defaults.dir()),
        key.orElse(defaults.signingKey()),
        publicKey.orElse(defaults.publicKey()),
        defaults.keysDir());
  }

  private TenantDefaults defaults(Node node, TenantDefaults fallback) {
    Optional<Node.Mapping> mapping = check.mapping(node, "defaults");
    if (mapping.isEmpty()) {
      return fallback;
    }
    check.onlyFields(mapping.get(), "defaults", List.of("tenant"));
    Optional<Node.Mapping> tenant =
        check.optional(mapping.get(), "tenant").flatMap(n -> check.mapping(n, "defaults.tenant"));
    if (tenant.isEmpty()) {
      return fallback;
    }
    String at = "defaults.tenant";
    check.onlyFields(tenant.get(), at, List.of("rateLimit", "concurrency"));
    var rate =
        check
            .optional(tenant.get(), "rateLimit")
            .flatMap(n -> RateLimit.read(check, n, path(at, "rateLimit")));
    var concurrency = count(tenant.get(), at, "concurrency");
    return new TenantDefaults(
        rate.orElse(fallback.rateLimit()), concurrency.orElse(fallback.concurrency()));
  }

  private EngineSettings engine(Node node, EngineSettings defaults) {
    Optional<Node.Mapping> mapping = check.mapping(node, "engine");
    if (mapping.isEmpty()) {
      return defaults;
    }
    Node.Mapping m = mapping.get();
    check.onlyFields(m, "engine", ENGINE_FIELDS);
    return new EngineSettings(
        count(m, "engine", "maxInFlight").orElse(defaults.maxInFlight()),
        duration(m, "engine", "cooldown").orElse(defaults.cooldown()),
        count(m, "engine", "maxAttempts").orElse(defaults.maxAttempts()),
        duration(m, "engine", "initialBackoff").orElse(defaults.initialBackoff()),
        duration(m, "engine", "maxBackoff").orElse(defaults.maxBackoff()),
        duration(m, "engine", "drainTimeout").orElse(defaults.drainTimeout()),
        count(m, "engine", "credentialRefusals").orElse(defaults.credentialRefusals()));
  }

  private RotorConfig overrides(RotorConfig config) {
    RotorConfig result = config;
    Optional<String> baseUrl = fromEnvironment("ROTOR_ATLAS_BASE_URL");
    if (baseUrl.isPresent()) {
      result = result.withAtlas(result.atlas().withBaseUrl(URI.create(baseUrl.get())));
    }
    Optional<String> storeUrl = fromEnvironment("ROTOR_STORE_URL");
    if (storeUrl.isPresent()) {
      result = result.withStore(result.store().withJdbcUrl(storeUrl.get()));
    }
    Optional<String> reports = fromEnvironment("ROTOR_REPORTS_DIR");
    if (reports.isPresent()) {
      result = result.withReportsDir(Path.of(reports.get()));
    }
    return result;
  }
}
