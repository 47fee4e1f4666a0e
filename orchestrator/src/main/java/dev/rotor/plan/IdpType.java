package dev.rotor.plan;

/** The two kinds of OIDC identity provider Atlas knows. */
public enum IdpType {
  /** Human users signing in through the UI or the shell. */
  WORKFORCE,
  /** Applications authenticating with their own tokens. */
  WORKLOAD
}
