package dev.rotor.config;

/** Describes how Rotor authenticates to Atlas for a tenant; named in plans by {@link #name()}. */
public sealed interface CredentialSpec
    permits CredentialSpec.ServiceAccount, CredentialSpec.ApiKey {

  /** Returns the name plans use to refer to this credential. */
  String name();

  /** An OAuth 2.0 service account: client credentials exchanged for a bearer token. */
  record ServiceAccount(String name, String clientId, Secret clientSecret)
      implements CredentialSpec {}

  /** A legacy programmatic API key, used with HTTP Digest authentication. */
  record ApiKey(String name, String publicKey, Secret privateKey) implements CredentialSpec {}
}
