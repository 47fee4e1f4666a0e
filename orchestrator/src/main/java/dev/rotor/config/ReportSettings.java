package dev.rotor.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Tells where run reports are written and how their manifests are signed.
 *
 * @param dir where each run's report folder is written, {@code <dir>/<plan>/<run-id>/}
 * @param signingKey the Ed25519 private key (PKCS#8 PEM) that signs manifests, from a reference
 *     such as {@code ${file:keys/report-signing.key}}; null to use (or generate) the pair under
 *     {@code keysDir}
 * @param publicKey the matching public key (X.509 PEM) that {@code rotor report verify} uses by
 *     default
 * @param keysDir where the generated key pair lives when no signing key is configured
 */
public record ReportSettings(
    Path dir, @Nullable Secret signingKey, @Nullable Path publicKey, Path keysDir) {

  public ReportSettings {
    requireNonNull(dir, "dir");
    requireNonNull(keysDir, "keysDir");
  }

  /** Returns the defaults: reports under {@code reports/}, a generated key under data/keys. */
  public static ReportSettings defaults() {
    return new ReportSettings(Path.of("reports"), null, null, Path.of("data", "keys"));
  }

  /** Returns a copy that writes reports under {@code reportsDir}. */
  public ReportSettings withDir(Path reportsDir) {
    return new ReportSettings(reportsDir, signingKey, publicKey, keysDir);
  }

  /** Returns a copy that keeps its generated key pair under {@code dir}. */
  public ReportSettings withKeysDir(Path dir) {
    return new ReportSettings(this.dir, signingKey, publicKey, dir);
  }
}
