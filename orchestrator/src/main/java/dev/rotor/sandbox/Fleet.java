package dev.rotor.sandbox;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

/**
 * Describes the organizations, federations, identity providers and credentials a sandbox serves.
 *
 * <p>A fleet is read from a JSON fixture ({@link #parse}, {@link #read}), generated from a seed
 * ({@link #generate}) or taken from the bundled demo ({@link #demo}). Each federation carries its
 * identity providers; each credential belongs to one organization and is Organization Owner there.
 */
public record Fleet(
    List<Organization> organizations,
    List<Federation> federations,
    List<ServiceAccount> serviceAccounts,
    List<ApiKey> apiKeys) {

  private static final Pattern HEX24 = Pattern.compile("[a-f0-9]{24}");
  private static final String DEMO_RESOURCE = "demo-fleet.json";

  /** Replaces absent lists by empty ones and checks ids and references. */
  public Fleet {
    organizations = copy(organizations);
    federations = copy(federations);
    serviceAccounts = copy(serviceAccounts);
    apiKeys = copy(apiKeys);
    checkReferences(organizations, federations, serviceAccounts, apiKeys);
  }

  /** Returns the bundled demo fleet: acme, globex and initech (the latter with an API key). */
  public static Fleet demo() {
    try (InputStream in = Fleet.class.getResourceAsStream(DEMO_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("Missing classpath resource " + DEMO_RESOURCE);
      }
      return Json.MAPPER.readValue(in, Fleet.class);
    } catch (IOException e) {
      throw new UncheckedIOException("Failed to read " + DEMO_RESOURCE, e);
    }
  }

  /**
   * Returns a fleet generated deterministically from {@code seed}: each tenant is one organization
   * with one service account, owning {@code federationsPerTenant} federations of {@code
   * idpsPerFederation} identity providers, mostly OIDC with every tenth one SAML.
   */
  public static Fleet generate(
      int tenants, int federationsPerTenant, int idpsPerFederation, long seed) {
    return new FleetGenerator(seed).generate(tenants, federationsPerTenant, idpsPerFederation);
  }

  /**
   * Parses a JSON fixture.
   *
   * @throws IllegalArgumentException if the JSON is malformed or the fleet inconsistent
   */
  public static Fleet parse(String json) {
    try {
      return Json.MAPPER.readValue(json, Fleet.class);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("Invalid fleet fixture: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Reads a JSON fixture file.
   *
   * @throws IllegalArgumentException if the file is malformed or the fleet inconsistent
   * @throws UncheckedIOException if the file cannot be read
   */
  public static Fleet read(Path file) {
    try {
      return parse(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException("Failed to read fleet fixture " + file, e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  /** Returns this fleet as an indented JSON fixture. */
  public String toJson() {
    return Json.PRETTY.writeValueAsString(this);
  }

  /** Returns the number of identity providers over all federations. */
  public int identityProviderCount() {
    return federations.stream().mapToInt(f -> f.identityProviders().size()).sum();
  }

  /** Names a credential by its fixture name; implemented by service accounts and API keys. */
  public sealed interface Credential permits ServiceAccount, ApiKey {
    /** Returns the credential's name as used in Rotor's configuration. */
    String name();

    /** Returns the organization in which the credential is Organization Owner. */
    String orgId();
  }

  /** Describes an organization. */
  public record Organization(String id, String name) {
    /** Checks the id. */
    public Organization {
      requireHex24("organization id", id);
      requireNonNull(name, "name");
    }
  }

  /** Describes a federation, the organizations connected to it and its identity providers. */
  public record Federation(
      String id,
      List<ConnectedOrgConfig> connectedOrgConfigs,
      List<IdentityProvider> identityProviders) {
    /** Checks the id and replaces absent lists by empty ones. */
    public Federation {
      requireHex24("federation id", id);
      connectedOrgConfigs = copy(connectedOrgConfigs);
      identityProviders = copy(identityProviders);
    }
  }

  /** Describes how one organization is connected to a federation. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ConnectedOrgConfig(
      String orgId,
      @Nullable String identityProviderId,
      List<String> dataAccessIdentityProviderIds,
      List<String> domainAllowList,
      boolean domainRestrictionEnabled,
      List<String> postAuthRoleGrants) {
    /** Checks the org id and replaces absent lists by empty ones. */
    public ConnectedOrgConfig {
      requireHex24("connected org id", orgId);
      dataAccessIdentityProviderIds = copy(dataAccessIdentityProviderIds);
      domainAllowList = copy(domainAllowList);
      postAuthRoleGrants = copy(postAuthRoleGrants);
    }
  }

  /** Names the protocol of an identity provider. */
  public enum Protocol {
    SAML,
    OIDC
  }

  /** Names the audience of an identity provider: people or workloads. */
  public enum IdpType {
    WORKFORCE,
    WORKLOAD
  }

  /**
   * Describes an identity provider. SAML ones carry a legacy 20-hex {@code oktaIdpId}; OIDC ones
   * carry an {@code audience}, and WORKFORCE OIDC ones a {@code clientId}.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record IdentityProvider(
      String id,
      @Nullable String oktaIdpId,
      Protocol protocol,
      IdpType idpType,
      String displayName,
      String issuerUri,
      @Nullable String audience,
      @Nullable String clientId) {
    /** Checks the id and the required fields. */
    public IdentityProvider {
      requireHex24("identity provider id", id);
      requireNonNull(protocol, "protocol of identity provider " + id);
      requireNonNull(idpType, "idpType of identity provider " + id);
      requireNonNull(displayName, "displayName of identity provider " + id);
      requireNonNull(issuerUri, "issuerUri of identity provider " + id);
    }
  }

  /** Describes a service account (OAuth 2.0 client credentials). */
  public record ServiceAccount(String name, String clientId, String clientSecret, String orgId)
      implements Credential {
    /** Checks the required fields. */
    public ServiceAccount {
      requireNonNull(name, "name");
      requireNonNull(clientId, "clientId of service account " + name);
      requireNonNull(clientSecret, "clientSecret of service account " + name);
      requireHex24("orgId of service account " + name, orgId);
    }
  }

  /** Describes a legacy API key (HTTP Digest). */
  public record ApiKey(String name, String publicKey, String privateKey, String orgId)
      implements Credential {
    /** Checks the required fields. */
    public ApiKey {
      requireNonNull(name, "name");
      requireNonNull(publicKey, "publicKey of API key " + name);
      requireNonNull(privateKey, "privateKey of API key " + name);
      requireHex24("orgId of API key " + name, orgId);
    }
  }

  private static <T> List<T> copy(@Nullable List<T> list) {
    return list == null ? List.of() : List.copyOf(list);
  }

  private static void requireHex24(String what, @Nullable String id) {
    if (id == null || !HEX24.matcher(id).matches()) {
      throw new IllegalArgumentException(what + " must be 24 lowercase hex digits, got " + id);
    }
  }

  private static void checkReferences(
      List<Organization> organizations,
      List<Federation> federations,
      List<ServiceAccount> serviceAccounts,
      List<ApiKey> apiKeys) {
    Set<String> orgIds = new HashSet<>();
    organizations.forEach(o -> orgIds.add(o.id()));
    for (Federation federation : federations) {
      for (ConnectedOrgConfig config : federation.connectedOrgConfigs()) {
        requireKnownOrg(orgIds, config.orgId(), "federation " + federation.id());
      }
    }
    serviceAccounts.forEach(s -> requireKnownOrg(orgIds, s.orgId(), "service account " + s.name()));
    apiKeys.forEach(k -> requireKnownOrg(orgIds, k.orgId(), "API key " + k.name()));
  }

  private static void requireKnownOrg(Set<String> orgIds, String orgId, String user) {
    if (!orgIds.contains(orgId)) {
      throw new IllegalArgumentException(user + " refers to unknown organization " + orgId);
    }
  }
}
