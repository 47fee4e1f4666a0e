package dev.rotor.atlas;

/** Names the protocol an identity provider speaks. */
public enum Protocol {
  SAML,
  OIDC
}
