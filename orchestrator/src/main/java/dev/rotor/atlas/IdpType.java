package dev.rotor.atlas;

/** Tells whom an identity provider signs in: people (workforce) or workloads. */
public enum IdpType {
  WORKFORCE,
  WORKLOAD
}
