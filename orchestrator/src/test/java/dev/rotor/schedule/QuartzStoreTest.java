package dev.rotor.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotor.config.StoreSettings;
import org.junit.jupiter.api.Test;

class QuartzStoreTest {

  @Test
  void h2FilesAreReadThroughTheInterruptSafeFileSystem() {
    StoreSettings embedded = StoreSettings.defaults();

    assertThat(QuartzStore.interruptSafe(embedded).jdbcUrl())
        .isEqualTo("jdbc:h2:file:async:./data/rotor;AUTO_SERVER=TRUE");
    assertThat(QuartzStore.interruptSafe(QuartzStore.interruptSafe(embedded)).jdbcUrl())
        .isEqualTo("jdbc:h2:file:async:./data/rotor;AUTO_SERVER=TRUE");
  }

  @Test
  void otherStoresAreLeftAlone() {
    StoreSettings postgres = StoreSettings.defaults().withJdbcUrl("jdbc:postgresql://db/rotor");
    StoreSettings memory = StoreSettings.defaults().withJdbcUrl("jdbc:h2:mem:test");

    assertThat(QuartzStore.interruptSafe(postgres)).isEqualTo(postgres);
    assertThat(QuartzStore.interruptSafe(memory)).isEqualTo(memory);
  }
}
