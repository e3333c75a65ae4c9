package io.relayagent.server.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.relayagent.files.FileAccess;
import io.relayagent.server.ServerDirectory;
import io.relayagent.server.store.DatabaseSettings;
import io.relayagent.server.store.Stores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damage to the {@code events.log} of an older server directory that no crash explains (a flipped
 * bit, a bad block) costs the damaged record alone when the log is imported into the database:
 * counted, reported at every start, never the acknowledged records after it. And the database is
 * the server's alone.
 */
class EventStoreDamageTest {
  private static final int EVENTS = 6;

  @TempDir Path dir;
  private List<StoredEvent> acknowledged;
  private byte[] pristine;
  private final List<Long> offsets = new ArrayList<>();

  @BeforeEach
  void writeOldLog() throws IOException {
    acknowledged = EventStoreTest.batch("agent-1", EVENTS);
    LegacyEventLog.append(events(), acknowledged);
    pristine = Files.readAllBytes(log());
    long offset = 0;
    for (StoredEvent event : acknowledged) {
      offsets.add(offset);
      offset += LegacyEventLog.encode(event).length;
    }
  }

  @Test
  void import_damagedRecordInTheMiddle_isReportedAtEveryStart_andTheRestIsKept()
      throws IOException {
    byte[] damaged = pristine.clone();
    damaged[offsets.get(2).intValue() + 20] ^= 0x08;
    Files.write(log(), damaged);

    try (Stores stores = open()) {
      assertThat(stores.events().append(EventStoreTest.batch("agent-1", 2)).stored()).isEqualTo(2);
    }
    try (Stores stores = open()) {
      assertThat(stores.events().size()).isEqualTo(EVENTS - 1 + 2);
      assertThat(stores.events().damagedRecords()).containsExactly(offsets.get(2));
      for (int i = 0; i < EVENTS; i++) {
        assertThat(stores.events().contains("agent-1", acknowledged.get(i).id())).isEqualTo(i != 2);
      }
    }
  }

  @Test
  void import_flippedBitInTheLastRecord_isCountedAsDamage() throws IOException {
    byte[] damaged = pristine.clone();
    damaged[damaged.length - 2] ^= 0x01;
    Files.write(log(), damaged);

    try (Stores stores = open()) {
      assertThat(stores.events().size()).isEqualTo(EVENTS - 1);
      assertThat(stores.events().damagedRecords()).containsExactly(offsets.get(EVENTS - 1));
    }
  }

  @Test
  void import_tornTail_isNotCountedAsDamage_andTheLogIsKeptAsItWas() throws IOException {
    byte[] record = LegacyEventLog.encode(EventStoreTest.batch("agent-1", 1).get(0));
    Files.write(log(), Arrays.copyOf(record, record.length - 1), StandardOpenOption.APPEND);
    byte[] before = Files.readAllBytes(log());

    try (Stores stores = open()) {
      assertThat(stores.events().size()).isEqualTo(EVENTS);
      assertThat(stores.events().damagedRecords()).isEmpty();
    }
    Path kept = dir.resolve("pre-database").resolve("events").resolve(EventLogReader.LOG_FILE);
    assertThat(Files.readAllBytes(kept)).as("kept aside byte for byte").isEqualTo(before);
    assertThat(log()).doesNotExist();
  }

  @Test
  void open_newDatabase_isOwnerOnly() throws IOException {
    assumeTrue(FileAccess.isPosix(dir), "POSIX permissions");
    Path fresh = dir.resolve("fresh");

    try (Stores stores =
        Stores.open(DatabaseSettings.sqliteIn(fresh), new ServerDirectory(fresh))) {
      assertThat(stores.events().size()).isZero();
      assertThat(mode(fresh.resolve(DatabaseSettings.SQLITE_FILE))).isEqualTo("rw-------");
    }
  }

  @Test
  void open_worldReadableDatabase_isNarrowedToItsOwner_andKeepsItsEvents() throws IOException {
    assumeTrue(FileAccess.isPosix(dir), "POSIX permissions");
    try (Stores stores = open()) {
      assertThat(stores.events().size()).isEqualTo(EVENTS);
    }
    Path database = dir.resolve(DatabaseSettings.SQLITE_FILE);
    Files.setPosixFilePermissions(database, PosixFilePermissions.fromString("rw-r--r--"));

    try (Stores stores = open()) {
      assertThat(stores.events().size()).isEqualTo(EVENTS);
    }

    assertThat(mode(database)).isEqualTo("rw-------");
  }

  private Stores open() throws IOException {
    return Stores.open(DatabaseSettings.sqliteIn(dir), new ServerDirectory(dir));
  }

  private Path events() {
    return new ServerDirectory(dir).events();
  }

  private Path log() {
    return events().resolve(EventLogReader.LOG_FILE);
  }

  private static String mode(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }
}
