package dev.rotor.sandbox;

import static java.util.Objects.requireNonNull;

import dev.rotor.sandbox.Fleet.ApiKey;
import dev.rotor.sandbox.Fleet.Credential;
import dev.rotor.sandbox.Fleet.Federation;
import dev.rotor.sandbox.Fleet.Organization;
import dev.rotor.sandbox.Fleet.Protocol;
import dev.rotor.sandbox.Fleet.ServiceAccount;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Writes what Rotor needs to run against a sandbox fleet: {@code fleet.json} (the fixture), {@code
 * plan.yaml} (one tenant per organization that has a credential, each federation under the tenant
 * of its first connected organization, selecting all OIDC identity providers), {@code rotor.yaml}
 * (the base URL and credentials as {@code ${env:NAME}} references) and {@code rotor.env} (the
 * values of those names).
 */
public final class FleetFiles {

  /** Names the four files {@link #write} creates. */
  public static final List<String> FILE_NAMES =
      List.of("fleet.json", "plan.yaml", "rotor.yaml", "rotor.env");

  private final Fleet fleet;
  private final String baseUrl;
  private final BucketLimit rateLimit;
  private final String description;
  private final List<Credential> credentials = new ArrayList<>();
  private final Map<String, Credential> credentialByOrg = new LinkedHashMap<>();

  /**
   * Prepares the files for {@code fleet}, served at {@code baseUrl}, with {@code rateLimit} as each
   * tenant's bucket and {@code description} as the plan's description.
   */
  public FleetFiles(Fleet fleet, String baseUrl, BucketLimit rateLimit, String description) {
    this.fleet = requireNonNull(fleet, "fleet");
    this.baseUrl = requireNonNull(baseUrl, "baseUrl");
    this.rateLimit = requireNonNull(rateLimit, "rateLimit");
    this.description = requireNonNull(description, "description");
    credentials.addAll(fleet.serviceAccounts());
    credentials.addAll(fleet.apiKeys());
    credentials.forEach(c -> credentialByOrg.putIfAbsent(c.orgId(), c));
  }

  /** Writes the four files into {@code dir}, creating it if needed, and returns their paths. */
  public List<Path> write(Path dir) throws IOException {
    Files.createDirectories(dir);
    List<String> contents = List.of(fleet.toJson() + "\n", plan(), config(), env());
    List<Path> written = new ArrayList<>();
    for (int i = 0; i < FILE_NAMES.size(); i++) {
      Path file = dir.resolve(FILE_NAMES.get(i));
      Files.writeString(file, contents.get(i), StandardCharsets.UTF_8);
      written.add(file);
    }
    return written;
  }

  /** Returns the plan YAML. */
  public String plan() {
    StringBuilder yaml = new StringBuilder();
    yaml.append("name: sandbox-fleet\n");
    yaml.append("description: ").append(quoted(description)).append('\n');
    yaml.append("window: PT2H\n");
    yaml.append("safety:\n");
    yaml.append("  maxIdentityProviders: ").append(Math.max(1, oidcCount())).append('\n');
    yaml.append("  maxFailureRatio: 0.05\n  canary: 1\n  confirm: false\n  cooldown: PT1H\n");
    yaml.append("tenants:\n");
    federationsByTenant().forEach((org, federations) -> appendTenant(yaml, org, federations));
    return yaml.toString();
  }

  /** Returns the Rotor configuration YAML. */
  public String config() {
    StringBuilder yaml = new StringBuilder();
    yaml.append("atlas:\n  baseUrl: ").append(baseUrl).append('\n');
    yaml.append("credentials:\n");
    for (Credential credential : credentials) {
      String env = envName(credential.name());
      yaml.append("  ").append(credential.name()).append(":\n");
      if (credential instanceof ServiceAccount) {
        yaml.append("    type: service-account\n");
        yaml.append("    clientId: ${env:").append(env).append("_CLIENT_ID}\n");
        yaml.append("    clientSecret: ${env:").append(env).append("_CLIENT_SECRET}\n");
      } else {
        yaml.append("    type: api-key\n");
        yaml.append("    publicKey: ${env:").append(env).append("_PUBLIC_KEY}\n");
        yaml.append("    privateKey: ${env:").append(env).append("_PRIVATE_KEY}\n");
      }
    }
    return yaml.toString();
  }

  /** Returns the {@code NAME=value} lines of the credentials. */
  public String env() {
    StringBuilder env = new StringBuilder();
    for (Credential credential : credentials) {
      String name = envName(credential.name());
      if (credential instanceof ServiceAccount account) {
        env.append(name).append("_CLIENT_ID=").append(account.clientId()).append('\n');
        env.append(name).append("_CLIENT_SECRET=").append(account.clientSecret()).append('\n');
      } else if (credential instanceof ApiKey key) {
        env.append(name).append("_PUBLIC_KEY=").append(key.publicKey()).append('\n');
        env.append(name).append("_PRIVATE_KEY=").append(key.privateKey()).append('\n');
      }
    }
    return env.toString();
  }

  /** Returns a credential name upper-cased with {@code -} as {@code _}, for environment names. */
  public static String envName(String credentialName) {
    return credentialName.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
  }

  private void appendTenant(StringBuilder yaml, Organization org, List<Federation> federations) {
    Credential credential = credentialOf(org);
    yaml.append("  - name: ").append(tenantName(org.name())).append('\n');
    yaml.append("    credential: ").append(credential.name()).append('\n');
    yaml.append("    rateLimit: {capacity: ")
        .append(rateLimit.capacity())
        .append(", refill: ")
        .append(rateLimit.refill())
        .append(", period: ")
        .append(rateLimit.period())
        .append("}\n");
    yaml.append("    concurrency: 8\n");
    yaml.append("    federations:\n");
    for (Federation federation : federations) {
      yaml.append("      - federationSettingsId: ").append(federation.id()).append('\n');
      yaml.append("        select: {all: OIDC}\n");
    }
  }

  private Map<Organization, List<Federation>> federationsByTenant() {
    Map<String, Organization> withCredential = new LinkedHashMap<>();
    for (Organization org : fleet.organizations()) {
      if (hasCredential(org)) {
        withCredential.put(org.id(), org);
      }
    }
    Map<Organization, List<Federation>> byTenant = new LinkedHashMap<>();
    for (Federation federation : fleet.federations()) {
      federation.connectedOrgConfigs().stream()
          .map(c -> withCredential.get(c.orgId()))
          .filter(Objects::nonNull)
          .findFirst()
          .ifPresent(org -> byTenant.computeIfAbsent(org, o -> new ArrayList<>()).add(federation));
    }
    return byTenant;
  }

  private boolean hasCredential(Organization org) {
    return credentialByOrg.containsKey(org.id());
  }

  private Credential credentialOf(Organization org) {
    return requireNonNull(credentialByOrg.get(org.id()), "credential of " + org.name());
  }

  private long oidcCount() {
    return fleet.federations().stream()
        .flatMap(f -> f.identityProviders().stream())
        .filter(idp -> idp.protocol() == Protocol.OIDC)
        .count();
  }

  private static String tenantName(String orgName) {
    String name = orgName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-");
    return name.isEmpty() ? "tenant" : name;
  }

  private static String quoted(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
