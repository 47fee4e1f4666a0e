package dev.rotor.sandbox;

import dev.rotor.sandbox.Fleet.ConnectedOrgConfig;
import dev.rotor.sandbox.Fleet.Federation;
import dev.rotor.sandbox.Fleet.IdentityProvider;
import dev.rotor.sandbox.Fleet.IdpType;
import dev.rotor.sandbox.Fleet.Organization;
import dev.rotor.sandbox.Fleet.Protocol;
import dev.rotor.sandbox.Fleet.ServiceAccount;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/**
 * Generates a fleet from a seed. Ids are a random 8-hex prefix followed by a 16-hex counter, so
 * they are unique whatever the seed and identical for the same seed.
 */
final class FleetGenerator {

  private static final int SAML_EVERY = 10;
  private static final int WORKLOAD_EVERY = 3;

  private final Random random;
  private long counter;

  FleetGenerator(long seed) {
    this.random = new Random(seed);
  }

  Fleet generate(int tenants, int federationsPerTenant, int idpsPerFederation) {
    requirePositive("tenants", tenants);
    requirePositive("federationsPerTenant", federationsPerTenant);
    requirePositive("idpsPerFederation", idpsPerFederation);
    List<Organization> orgs = new ArrayList<>(tenants);
    List<Federation> federations = new ArrayList<>(tenants * federationsPerTenant);
    List<ServiceAccount> accounts = new ArrayList<>(tenants);
    for (int t = 1; t <= tenants; t++) {
      Organization org = new Organization(nextId(), String.format("tenant-%04d", t));
      orgs.add(org);
      accounts.add(serviceAccount(org));
      for (int f = 1; f <= federationsPerTenant; f++) {
        federations.add(federation(org, f, idpsPerFederation));
      }
    }
    return new Fleet(orgs, federations, accounts, List.of());
  }

  private ServiceAccount serviceAccount(Organization org) {
    return new ServiceAccount(
        org.name() + "-sa", "mdb_sa_id_" + nextId(), "mdb_sa_sk_" + randomHex(32), org.id());
  }

  private Federation federation(Organization org, int number, int idps) {
    String id = nextId();
    List<IdentityProvider> providers = new ArrayList<>(idps);
    for (int k = 1; k <= idps; k++) {
      providers.add(identityProvider(org.name() + "-f" + number, k));
    }
    return new Federation(id, List.of(connect(org, providers)), providers);
  }

  private IdentityProvider identityProvider(String prefix, int k) {
    String id = nextId();
    String issuer = "https://idp." + prefix + ".example/" + k;
    if (k % SAML_EVERY == 0) {
      String name = prefix + "-saml-" + k;
      return new IdentityProvider(
          id, randomHex(20), Protocol.SAML, IdpType.WORKFORCE, name, issuer, null, null);
    }
    IdpType type = k % WORKLOAD_EVERY == 0 ? IdpType.WORKLOAD : IdpType.WORKFORCE;
    String name = prefix + "-" + type.name().toLowerCase() + "-" + k;
    String clientId = type == IdpType.WORKFORCE ? "client-" + id : null;
    return new IdentityProvider(
        id, null, Protocol.OIDC, type, name, issuer, "api://rotor-sandbox", clientId);
  }

  private static ConnectedOrgConfig connect(Organization org, List<IdentityProvider> providers) {
    List<String> dataAccess = new ArrayList<>();
    @Nullable String samlLegacyId = null;
    for (IdentityProvider idp : providers) {
      if (idp.protocol() == Protocol.OIDC) {
        dataAccess.add(idp.id());
      } else if (samlLegacyId == null) {
        samlLegacyId = idp.oktaIdpId();
      }
    }
    return new ConnectedOrgConfig(
        org.id(),
        samlLegacyId,
        dataAccess,
        List.of(org.name() + ".example"),
        false,
        List.of("ORG_MEMBER"));
  }

  private String nextId() {
    return String.format("%08x%016x", random.nextInt(), counter++);
  }

  private String randomHex(int digits) {
    StringBuilder hex = new StringBuilder(digits);
    while (hex.length() < digits) {
      hex.append(Character.forDigit(random.nextInt(16), 16));
    }
    return hex.toString();
  }

  private static void requirePositive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, got " + value);
    }
  }
}
