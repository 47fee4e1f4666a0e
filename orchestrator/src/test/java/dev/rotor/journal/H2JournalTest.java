package dev.rotor.journal;

import dev.rotor.config.StoreSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Runs the journal's contract on an H2 file database, as the default store is. */
class H2JournalTest extends JournalContract {
  @TempDir Path dir;

  @Override
  StoreSettings settings() {
    return new StoreSettings(
        "jdbc:h2:file:" + dir.resolve("rotor").toAbsolutePath(), "rotor", null, 8);
  }
}
