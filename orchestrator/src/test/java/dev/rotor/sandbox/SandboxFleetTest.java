package dev.rotor.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rotor.sandbox.Fleet.Federation;
import dev.rotor.sandbox.Fleet.IdentityProvider;
import dev.rotor.sandbox.Fleet.Protocol;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SandboxFleetTest {

  @Test
  void generationIsDeterministicBySeed() {
    Fleet first = Fleet.generate(3, 2, 12, 42);

    assertThat(Fleet.generate(3, 2, 12, 42)).isEqualTo(first);
    assertThat(Fleet.generate(3, 2, 12, 43)).isNotEqualTo(first);
  }

  @Test
  void generatedFleetHasOneOrgAndOneCredentialPerTenantAndSomeSaml() {
    Fleet fleet = Fleet.generate(4, 2, 10, 1);

    assertThat(fleet.organizations()).hasSize(4);
    assertThat(fleet.serviceAccounts()).hasSize(3);
    assertThat(fleet.apiKeys())
        .singleElement()
        .satisfies(
            key -> {
              assertThat(key.name()).isEqualTo("tenant-0004-key");
              assertThat(key.publicKey()).matches("[a-z]{8}");
              assertThat(key.orgId()).isEqualTo(fleet.organizations().get(3).id());
            });
    assertThat(fleet.federations()).hasSize(8);
    assertThat(fleet.identityProviderCount()).isEqualTo(80);
    long saml =
        fleet.federations().stream()
            .flatMap(f -> f.identityProviders().stream())
            .filter(idp -> idp.protocol() == Protocol.SAML)
            .count();
    assertThat(saml).isEqualTo(8);
    assertThat(fleet.organizations().get(0).name()).isEqualTo("tenant-0001");
    assertThat(fleet.serviceAccounts().get(0).name()).isEqualTo("tenant-0001-sa");
  }

  @Test
  void generatedIdsAreUniqueLowercaseHex() {
    Fleet fleet = Fleet.generate(50, 2, 20, 9);
    Set<String> ids = new HashSet<>();
    for (Federation federation : fleet.federations()) {
      ids.add(federation.id());
      for (IdentityProvider idp : federation.identityProviders()) {
        assertThat(idp.id()).matches("[a-f0-9]{24}");
        ids.add(idp.id());
      }
    }

    assertThat(ids).hasSize(100 + 2000);
  }

  @Test
  void largeFleetGeneratesQuickly() {
    Fleet fleet = Fleet.generate(1000, 10, 10, 5);

    assertThat(fleet.identityProviderCount()).isEqualTo(100_000);
  }

  @Test
  void demoFleetHasThreeTenantsFifteenOidcAndTwoSaml() {
    Fleet demo = Fleet.demo();

    assertThat(demo.organizations())
        .extracting(Fleet.Organization::name)
        .containsExactly("acme", "globex", "initech");
    assertThat(demo.apiKeys()).hasSize(1);
    assertThat(demo.federations()).hasSize(4);
    long oidc =
        demo.federations().stream()
            .flatMap(f -> f.identityProviders().stream())
            .filter(idp -> idp.protocol() == Protocol.OIDC)
            .count();
    assertThat(oidc).isEqualTo(15);
    assertThat(demo.identityProviderCount()).isEqualTo(17);
  }

  @Test
  void fixtureRoundTripsThroughJson() {
    Fleet fleet = Fleet.generate(2, 1, 10, 3);

    assertThat(Fleet.parse(fleet.toJson())).isEqualTo(fleet);
  }

  @Test
  void fixtureWithUnknownOrganizationIsRejected() {
    String json =
        "{\"organizations\":[],\"serviceAccounts\":[{\"name\":\"x\",\"clientId\":\"c\","
            + "\"clientSecret\":\"s\",\"orgId\":\"0123456789abcdef01234567\"}]}";

    assertThatThrownBy(() -> Fleet.parse(json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("service account x refers to unknown organization");
  }
}
