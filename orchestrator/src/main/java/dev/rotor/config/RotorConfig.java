package dev.rotor.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Rotor's configuration, read from {@code config/rotor.yaml} with every secret reference resolved.
 *
 * @param credentials by name, in the order of the file
 * @param reports where run reports are written and how they are signed
 * @param daemon the scheduler daemon's endpoints and cluster timings
 * @param notifications the webhooks the daemon notifies
 */
public record RotorConfig(
    AtlasSettings atlas,
    Map<String, CredentialSpec> credentials,
    StoreSettings store,
    ReportSettings reports,
    TenantDefaults tenantDefaults,
    EngineSettings engine,
    DaemonSettings daemon,
    NotificationSettings notifications) {

  public RotorConfig {
    requireNonNull(atlas, "atlas");
    credentials = Map.copyOf(credentials);
    requireNonNull(store, "store");
    requireNonNull(reports, "reports");
    requireNonNull(tenantDefaults, "tenantDefaults");
    requireNonNull(engine, "engine");
    requireNonNull(daemon, "daemon");
    requireNonNull(notifications, "notifications");
  }

  /** Creates a configuration with the daemon's defaults and no notifications. */
  public RotorConfig(
      AtlasSettings atlas,
      Map<String, CredentialSpec> credentials,
      StoreSettings store,
      ReportSettings reports,
      TenantDefaults tenantDefaults,
      EngineSettings engine) {
    this(
        atlas,
        credentials,
        store,
        reports,
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
        ReportSettings.defaults(),
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
        settings, credentials, store, reports, tenantDefaults, engine, daemon, notifications);
  }

  /** Returns a copy with other credentials. */
  public RotorConfig withCredentials(Map<String, CredentialSpec> specs) {
    return new RotorConfig(
        atlas, specs, store, reports, tenantDefaults, engine, daemon, notifications);
  }

  /** Returns a copy with another store. */
  public RotorConfig withStore(StoreSettings settings) {
    return new RotorConfig(
        atlas, credentials, settings, reports, tenantDefaults, engine, daemon, notifications);
  }

  /** Returns where each run's report folder is written. */
  public Path reportsDir() {
    return reports.dir();
  }

  /** Returns a copy that writes reports under {@code dir}. */
  public RotorConfig withReportsDir(Path dir) {
    return withReports(reports.withDir(dir));
  }

  /** Returns a copy with other report settings. */
  public RotorConfig withReports(ReportSettings settings) {
    return new RotorConfig(
        atlas, credentials, store, settings, tenantDefaults, engine, daemon, notifications);
  }

  /** Returns a copy with other engine settings. */
  public RotorConfig withEngine(EngineSettings settings) {
    return new RotorConfig(
        atlas, credentials, store, reports, tenantDefaults, settings, daemon, notifications);
  }

  /** Returns a copy with other daemon settings. */
  public RotorConfig withDaemon(DaemonSettings settings) {
    return new RotorConfig(
        atlas, credentials, store, reports, tenantDefaults, engine, settings, notifications);
  }

  /** Returns a copy with other notifications. */
  public RotorConfig withNotifications(NotificationSettings settings) {
    return new RotorConfig(
        atlas, credentials, store, reports, tenantDefaults, engine, daemon, settings);
  }
}
