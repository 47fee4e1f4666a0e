package dev.rotor.schedule;

import dev.rotor.config.StoreSettings;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

/**
 * Keeps Quartz's jobs and triggers in the journal's database: creates Quartz's own tables with
 * Flyway (history in {@code rotor_quartz_schema_history}, so the journal's tables may already be
 * there) and builds a {@code JobStoreTX} scheduler on the journal's pool; clustered on PostgreSQL.
 */
final class QuartzStore {
  static final String HISTORY_TABLE = "rotor_quartz_schema_history";
  static final String SCHEDULER_NAME = "rotor";
  private static final AtomicInteger DATA_SOURCES = new AtomicInteger();

  private QuartzStore() {}

  /** Creates or upgrades Quartz's tables; blocks. */
  static void migrate(DataSource dataSource, StoreSettings settings) {
    String dialect = settings.isPostgres() ? "postgresql" : "h2";
    Flyway.configure(QuartzStore.class.getClassLoader())
        .dataSource(dataSource)
        .locations("classpath:db/quartz/" + dialect)
        .table(HISTORY_TABLE)
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load()
        .migrate();
  }

  /** Creates a scheduler, in standby, whose store is {@code dataSource}. */
  static synchronized Scheduler scheduler(DataSource dataSource, StoreSettings store, Tuning tuning)
      throws SchedulerException {
    String name = "rotor-" + DATA_SOURCES.incrementAndGet();
    DBConnectionManager.getInstance().addConnectionProvider(name, new Pool(dataSource));
    // Quartz keeps one scheduler per name in the JVM and would hand back one still stopping.
    SchedulerRepository.getInstance().remove(tuning.schedulerName());
    StdSchedulerFactory factory = new StdSchedulerFactory(properties(name, store, tuning));
    return factory.getScheduler();
  }

  static Properties properties(String dataSourceName, StoreSettings store, Tuning tuning) {
    Properties p = new Properties();
    p.setProperty("org.quartz.scheduler.instanceName", tuning.schedulerName());
    p.setProperty("org.quartz.scheduler.instanceId", tuning.nodeId());
    p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
    p.setProperty("org.quartz.scheduler.makeSchedulerThreadDaemon", "true");
    p.setProperty("org.quartz.scheduler.idleWaitTime", millis(tuning.idleWait()));
    p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(tuning.threads()));
    p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
    p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
    p.setProperty("org.quartz.jobStore.driverDelegateClass", delegate(store));
    p.setProperty("org.quartz.jobStore.dataSource", dataSourceName);
    p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
    p.setProperty("org.quartz.jobStore.useProperties", "true");
    p.setProperty("org.quartz.jobStore.misfireThreshold", millis(tuning.misfireThreshold()));
    if (store.isPostgres()) {
      p.setProperty("org.quartz.jobStore.isClustered", "true");
      p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
      p.setProperty("org.quartz.jobStore.clusterCheckinInterval", millis(tuning.checkin()));
    }
    return p;
  }

  private static String delegate(StoreSettings store) {
    return store.isPostgres()
        ? "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate"
        : "org.quartz.impl.jdbcjobstore.StdJDBCDelegate";
  }

  private static String millis(Duration duration) {
    return Long.toString(duration.toMillis());
  }

  /**
   * Tunes the scheduler.
   *
   * @param nodeId Quartz's instance id, unique in the cluster
   * @param idleWait how long the scheduler thread waits for a trigger before looking again, which
   *     bounds how late a node notices a trigger another node added
   * @param misfireThreshold how late a fire may be before it is a misfire
   */
  record Tuning(
      String schedulerName,
      String nodeId,
      int threads,
      Duration checkin,
      Duration idleWait,
      Duration misfireThreshold) {}

  /** Lends Quartz connections of the journal's pool; the pool is closed with the journal. */
  private record Pool(DataSource dataSource) implements ConnectionProvider {
    @Override
    public Connection getConnection() throws SQLException {
      return dataSource.getConnection();
    }

    @Override
    public void shutdown() {
      // The journal owns the pool and closes it.
    }

    @Override
    public void initialize() {
      // The pool is open already.
    }
  }
}
