package dev.rotor.sandbox;

import dev.rotor.sandbox.Fleet.ApiKey;
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
 * Generates a fleet from a seed: every fourth tenant signs in with an API key (HTTP Digest), the
 * others with a service account; every tenth identity provider is SAML. Ids are a random 8-hex
 * prefix followed by a 16-hex counter, so they are unique whatever the seed and identical for the
 * same seed.
 */
final class FleetGenerator {

  private static final int SAML_EVERY = 10;
  private static final int WORKLOAD_EVERY = 3;
  private static final int API_KEY_EVERY = 4;

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
    List<ApiKey> keys = new ArrayList<>();
    for (int t = 1; t <= tenants; t++) {
      Organization org = new Organization(nextId(), String.format("tenant-%04d", t));
      orgs.add(org);
      if (t % API_KEY_EVERY == 0) {
        keys.add(apiKey(org));
      } else {
        accounts.add(serviceAccount(org));
      }
      for (int f = 1; f <= federationsPerTenant; f++) {
        federations.add(federation(org, f, idpsPerFederation));
      }
    }
    return new Fleet(orgs, federations, accounts, keys);
  }

  /** Returns an API key shaped as Atlas's are: 8 lowercase letters, a UUID for the private key. */
  private ApiKey apiKey(Organization org) {
    StringBuilder publicKey = new StringBuilder(8);
    while (publicKey.length() < 8) {
      publicKey.append((char) ('a' + random.nextInt(26)));
    }
    String hex = randomHex(32);
    String privateKey =
        String.join(
            "-",
            hex.substring(0, 8),
            hex.substring(8, 12),
            hex.substring(12, 16),
            hex.substring(16, 20),
            hex.substring(20));
    return new ApiKey(org.name() + "-key", publicKey.toString(), privateKey, org.id());
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
