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
 * @param daemon the scheduler daemon's endpoints and cluster timings
 * @param notifications the webhooks the daemon notifies
 */
public record RotorConfig(
    AtlasSettings atlas,
    Map<String, CredentialSpec> credentials,
    StoreSettings store,
    Path reportsDir,
    TenantDefaults tenantDefaults,
    EngineSettings engine,
    DaemonSettings daemon,
    NotificationSettings notifications) {

  public RotorConfig {
    requireNonNull(atlas, "atlas");
    requireNonNull(daemon, "daemon");
    requireNonNull(notifications, "notifications");
    credentials = Map.copyOf(credentials);
    requireNonNull(store, "store");
    requireNonNull(reportsDir, "reportsDir");
    requireNonNull(tenantDefaults, "tenantDefaults");
    requireNonNull(engine, "engine");
  }

  /** Creates a configuration with the daemon's defaults and no notifications. */
  public RotorConfig(
      AtlasSettings atlas,
      Map<String, CredentialSpec> credentials,
      StoreSettings store,
      Path reportsDir,
      TenantDefaults tenantDefaults,
      EngineSettings engine) {
    this(
        atlas,
        credentials,
        store,
        reportsDir,
        tenantDefaults,
        engine,
        DaemonSettings.defaults(),
        NotificationSettings.none());
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
    return new RotorConfig(
        settings, credentials, store, reportsDir, tenantDefaults, engine, daemon, notifications);
  }

  /** Returns a copy with other credentials. */
  public RotorConfig withCredentials(Map<String, CredentialSpec> specs) {
    return new RotorConfig(
        atlas, specs, store, reportsDir, tenantDefaults, engine, daemon, notifications);
  }

  /** Returns a copy with another store. */
  public RotorConfig withStore(StoreSettings settings) {
    return new RotorConfig(
        atlas, credentials, settings, reportsDir, tenantDefaults, engine, daemon, notifications);
  }

  /** Returns a copy that writes reports under {@code dir}. */
  public RotorConfig withReportsDir(Path dir) {
    return new RotorConfig(
        atlas, credentials, store, dir, tenantDefaults, engine, daemon, notifications);
  }

  /** Returns a copy with other engine settings. */
  public RotorConfig withEngine(EngineSettings settings) {
    return new RotorConfig(
        atlas, credentials, store, reportsDir, tenantDefaults, settings, daemon, notifications);
  }

  /** Returns a copy with other daemon settings. */
  public RotorConfig withDaemon(DaemonSettings settings) {
    return new RotorConfig(
        atlas, credentials, store, reportsDir, tenantDefaults, engine, settings, notifications);
  }

  /** Returns a copy with other notifications. */
  public RotorConfig withNotifications(NotificationSettings settings) {
    return new RotorConfig(
        atlas, credentials, store, reportsDir, tenantDefaults, engine, daemon, settings);
  }
}
