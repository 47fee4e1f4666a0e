package dev.rotor.sandbox;

/** Names the ids and credentials of the bundled demo fleet used by the tests. */
final class Demo {

  static final String ACME_ORG = "64a1c0de0000000000000001";
  static final String GLOBEX_ORG = "64a1c0de0000000000000002";
  static final String INITECH_ORG = "64a1c0de0000000000000003";

  static final String ACME_FEDERATION = "64a1fed00000000000000001";
  static final String SHARED_FEDERATION = "64a1fed00000000000000002";
  static final String INITECH_FEDERATION = "64a1fed00000000000000004";

  static final String ACME_OIDC = "64a1d0d00000000000000001";
  static final String ACME_SAML = "64a1d0d00000000000000006";
  static final String SHARED_OIDC = "64a1d0d00000000000000007";
  static final String INITECH_OIDC = "64a1d0d0000000000000000f";

  static final String ACME_CLIENT = "mdb_sa_id_64a1c0de00000000000000a1";
  static final String ACME_SECRET = "mdb_sa_sk_demo-acme-not-a-real-secret";
  static final String GLOBEX_CLIENT = "mdb_sa_id_64a1c0de00000000000000a2";
  static final String GLOBEX_SECRET = "mdb_sa_sk_demo-globex-not-a-real-secret";
  static final String INITECH_PUBLIC_KEY = "initechk";
  static final String INITECH_PRIVATE_KEY = "00000000-0000-4000-8000-000000de0003";

  private Demo() {}
}
