package io.relayagent.server.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.relayagent.files.FileAccess;
import io.relayagent.testkit.BitFlips;
import io.relayagent.testkit.ConsoleLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damage to {@code events.log} that no crash explains (a flipped bit, a bad block) costs the
 * damaged record alone, counted and reported, never the acknowledged records after it; and the
 * store is the server's alone.
 */
class EventStoreDamageTest {
  private static final int EVENTS = 6;

  @TempDir Path dir;
  private List<StoredEvent> acknowledged;
  private byte[] pristine;
  private final List<Long> offsets = new ArrayList<>();

  @BeforeEach
  void storeEvents() throws IOException {
    acknowledged = EventStoreTest.batch("agent-1", EVENTS);
    try (EventStore store = EventStore.open(dir)) {
      store.append(acknowledged);
    }
    pristine = Files.readAllBytes(log());
    long offset = 0;
    for (StoredEvent event : acknowledged) {
      offsets.add(offset);
      offset += EventStoreTest.encode(event).length;
    }
  }

  @Test
  void open_oneFlippedBitAnywhere_costsOnlyThatRecord_countedAndReported() throws IOException {
    long lastRecord = offsets.get(EVENTS - 1);
    // About every fifth byte: each record's length, checksum and payload, first to last.
    for (int at : BitFlips.positions(pristine.length, 250)) {
      byte[] damaged = BitFlips.flipped(pristine, at);
      Files.write(log(), damaged);
      int hit = recordAt(at);

      List<String> lines;
      try (ConsoleLog log = ConsoleLog.capture();
          EventStore store = EventStore.open(dir)) {
        assertThat(store.size()).as("bit flipped at %d", at).isEqualTo(EVENTS - 1);
        assertThat(store.damagedRecords())
            .as("bit flipped at %d", at)
            .containsExactly(offsets.get(hit));
        for (int i = 0; i < EVENTS; i++) {
          assertThat(store.contains("agent-1", acknowledged.get(i).id())).isEqualTo(i != hit);
        }
        lines = log.lines();
      }
      assertThat(lines)
          .as("bit flipped at %d: the start line counts it", at)
          .filteredOn(line -> line.contains("damaged record(s) skipped"))
          .singleElement()
          .asString()
          .contains("1 damaged record(s) skipped at offset(s) [" + offsets.get(hit) + "]");
      assertThat(lines)
          .as("bit flipped at %d: damage is never called a crash's torn append", at)
          .noneMatch(line -> line.contains("interrupted by a crash") || line.contains("torn"));
      assertThat(lines.stream().anyMatch(line -> line.contains("cut off the damaged last record")))
          .as("bit flipped at %d: said to be cut only when it was the last record", at)
          .isEqualTo(at >= lastRecord);
      if (at < lastRecord) {
        assertThat(Files.readAllBytes(log())).as("nothing cut").isEqualTo(damaged);
      } else {
        assertThat(Files.size(log())).as("the damaged last record cut").isEqualTo(lastRecord);
        Files.delete(aside("events.log.damaged-"));
      }
    }
  }

  @Test
  void open_damagedRecordInTheMiddle_isReportedAtEveryStart_andAppendsGoOnAfterTheRest()
      throws IOException {
    byte[] damaged = pristine.clone();
    damaged[offsets.get(2).intValue() + 20] ^= 0x08;
    Files.write(log(), damaged);

    try (EventStore store = EventStore.open(dir)) {
      assertThat(store.append(EventStoreTest.batch("agent-1", 2)).stored()).isEqualTo(2);
    }
    try (EventStore store = EventStore.open(dir)) {
      assertThat(store.size()).isEqualTo(EVENTS - 1 + 2);
      assertThat(store.damagedRecords()).containsExactly(offsets.get(2));
    }
  }

  @Test
  void open_flippedBitInTheLastRecord_isCountedAsDamage_cutAndKeptAside() throws IOException {
    byte[] damaged = pristine.clone();
    damaged[damaged.length - 2] ^= 0x01;
    Files.write(log(), damaged);

    try (EventStore store = EventStore.open(dir)) {
      assertThat(store.size()).isEqualTo(EVENTS - 1);
      assertThat(store.damagedRecords()).containsExactly(offsets.get(EVENTS - 1));
    }
    assertThat(Files.size(log())).isEqualTo(offsets.get(EVENTS - 1));
    assertThat(Files.readAllBytes(aside("events.log.damaged-")))
        .isEqualTo(Arrays.copyOfRange(damaged, offsets.get(EVENTS - 1).intValue(), damaged.length));
  }

  @Test
  void open_tornTail_isCutAndKeptAside_butNotCountedAsDamage() throws IOException {
    byte[] record = EventStoreTest.encode(EventStoreTest.batch("agent-1", 1).get(0));
    Files.write(log(), Arrays.copyOf(record, record.length - 1), StandardOpenOption.APPEND);

    try (EventStore store = EventStore.open(dir)) {
      assertThat(store.size()).isEqualTo(EVENTS);
      assertThat(store.damagedRecords()).isEmpty();
    }
    assertThat(Files.readAllBytes(log())).isEqualTo(pristine);
    assertThat(aside("events.log.torn-")).exists();
  }

  @Test
  void open_newStore_isOwnerOnly() throws IOException {
    assumeTrue(FileAccess.isPosix(dir), "POSIX permissions");
    Path fresh = dir.resolve("fresh");

    try (EventStore store = EventStore.open(fresh)) {
      assertThat(store.size()).isZero();
      assertThat(mode(fresh)).isEqualTo("rwx------");
      assertThat(mode(fresh.resolve(EventStore.LOG_FILE))).isEqualTo("rw-------");
    }
  }

  @Test
  void open_worldReadableStore_isNarrowedToItsOwner_andKeepsItsEvents() throws IOException {
    assumeTrue(FileAccess.isPosix(dir), "POSIX permissions");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(log(), PosixFilePermissions.fromString("rw-r--r--"));

    try (EventStore store = EventStore.open(dir)) {
      assertThat(store.size()).isEqualTo(EVENTS);
    }

    assertThat(mode(dir)).isEqualTo("rwx------");
    assertThat(mode(log())).isEqualTo("rw-------");
  }

  private int recordAt(long at) {
    int hit = 0;
    while (hit + 1 < offsets.size() && offsets.get(hit + 1) <= at) {
      hit++;
    }
    return hit;
  }

  private Path aside(String prefix) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(p -> p.getFileName().toString().startsWith(prefix))
          .findFirst()
          .orElseThrow();
    }
  }

  private Path log() {
    return dir.resolve(EventStore.LOG_FILE);
  }

  private static String mode(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }
}
