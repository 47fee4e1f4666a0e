package dev.rotor.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Rotor's configuration, read from {@code config/rotor.yaml} with every secret reference resolved.
 *
 * @param credentials by name, in the order of the file
 * @param reportsDir where each run's report folder is written
 */
public record RotorConfig(
    AtlasSettings atlas,
    Map<String, CredentialSpec> credentials,
    StoreSettings store,
    Path reportsDir,
    TenantDefaults tenantDefaults,
    EngineSettings engine) {

  public RotorConfig {
    requireNonNull(atlas, "atlas");
    credentials = Map.copyOf(credentials);
    requireNonNull(store, "store");
    requireNonNull(reportsDir, "reportsDir");
    requireNonNull(tenantDefaults, "tenantDefaults");
    requireNonNull(engine, "engine");
  }

  /** Returns the configuration used when no file is given: public Atlas, no credentials. */
  public static RotorConfig defaults() {
    return new RotorConfig(
        AtlasSettings.defaults(),
        Map.of(),
        StoreSettings.defaults(),
        Path.of("reports"),
        TenantDefaults.defaults(),
        EngineSettings.defaults());
  }

  /** Returns the credential called {@code name}, if the file defines it. */
  public Optional<CredentialSpec> credential(String name) {
    return Optional.ofNullable(credentials.get(name));
  }

  /** Returns a copy with other Atlas settings. */
  public RotorConfig withAtlas(AtlasSettings settings) {
    return new RotorConfig(settings, credentials, store, reportsDir, tenantDefaults, engine);
  }

  /** Returns a copy with other credentials. */
  public RotorConfig withCredentials(Map<String, CredentialSpec> specs) {
    return new RotorConfig(atlas, specs, store, reportsDir, tenantDefaults, engine);
  }

  /** Returns a copy with another store. */
  public RotorConfig withStore(StoreSettings settings) {
    return new RotorConfig(atlas, credentials, settings, reportsDir, tenantDefaults, engine);
  }

  /** Returns a copy that writes reports under {@code dir}. */
  public RotorConfig withReportsDir(Path dir) {
    return new RotorConfig(atlas, credentials, store, dir, tenantDefaults, engine);
  }

  /** Returns a copy with other engine settings. */
  public RotorConfig withEngine(EngineSettings settings) {
    return new RotorConfig(atlas, credentials, store, reportsDir, tenantDefaults, settings);
  }
}
