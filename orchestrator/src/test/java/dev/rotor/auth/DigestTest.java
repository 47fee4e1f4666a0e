package dev.rotor.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotor.config.CredentialSpec.ApiKey;
import dev.rotor.config.Secret;
import org.junit.jupiter.api.Test;

class DigestTest {
  private static final String ATLAS_CHALLENGE =
      "Digest realm=\"MMS Public API\", domain=\"\", nonce=\"abc/def+123==\", algorithm=MD5, "
          + "qop=\"auth\", stale=false";

  @Test
  void parsesTheAtlasChallenge() {
    DigestChallenge challenge = DigestChallenge.parse(ATLAS_CHALLENGE).orElseThrow();

    assertThat(challenge.realm()).isEqualTo("MMS Public API");
    assertThat(challenge.nonce()).isEqualTo("abc/def+123==");
    assertThat(challenge.algorithm()).isEqualTo("MD5");
    assertThat(challenge.qop()).isEqualTo("auth");
    assertThat(challenge.stale()).isFalse();
    assertThat(challenge.supported()).isTrue();
  }

  @Test
  void parsesStaleAndQuotedCommas() {
    DigestChallenge challenge =
        DigestChallenge.parse(
                "Digest realm=\"a, \\\"b\\\"\", nonce=\"n2\", qop=\"auth,auth-int\", stale=TRUE, "
                    + "opaque=\"op\"")
            .orElseThrow();

    assertThat(challenge.realm()).isEqualTo("a, \"b\"");
    assertThat(challenge.qop()).isEqualTo("auth");
    assertThat(challenge.stale()).isTrue();
    assertThat(challenge.opaque()).isEqualTo("op");
  }

  @Test
  void ignoresOtherSchemes() {
    assertThat(DigestChallenge.parse("Basic realm=\"x\"")).isEmpty();
    assertThat(DigestChallenge.parse("Digest realm=\"x\"")).isEmpty();
  }

  @Test
  void computesTheRfc2617ExampleResponse() {
    DigestChallenge challenge =
        new DigestChallenge(
            "testrealm@host.com", "dcd98b7102dd2f0e8b11d0f600bfb0c093", null, "MD5", "auth", false);

    String response =
        DigestResponse.compute(
            challenge,
            "Mufasa",
            "Circle Of Life",
            "GET",
            "/dir/index.html",
            "00000001",
            "0a4f113b");

    assertThat(response).isEqualTo("6629fae49393a05397450978507c4ef1");
  }

  @Test
  void nonceCountIncreasesAndResetsOnANewChallenge() {
    DigestAuthenticator digests = new DigestAuthenticator(() -> "cn");
    ApiKey key = new ApiKey("legacy", "pub", Secret.of("priv-secret", "test"));

    assertThat(digests.authorization(key, "GET", "/x")).isNull();
    digests.challenged(key, DigestChallenge.parse(ATLAS_CHALLENGE).orElseThrow());
    String first = digests.authorization(key, "GET", "/x");
    String second = digests.authorization(key, "GET", "/x");
    digests.challenged(key, DigestChallenge.parse(ATLAS_CHALLENGE).orElseThrow());
    String third = digests.authorization(key, "GET", "/x");

    assertThat(first)
        .contains("nc=00000001")
        .contains("username=\"pub\"")
        .contains("uri=\"/x\"")
        .contains("qop=auth")
        .doesNotContain("priv-secret");
    assertThat(second).contains("nc=00000002");
    assertThat(third).contains("nc=00000001");
  }
}
