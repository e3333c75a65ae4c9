package io.relayagent.server.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.relayagent.files.RecordScanner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the event log as an auditor does: every stored event, and the log left as it was. */
class EventLogReaderTest {

  @TempDir Path dir;

  @Test
  void read_storedBatches_givesEveryEventInOrder() throws IOException {
    List<StoredEvent> first = EventStoreTest.batch("agent-1", 3);
    List<StoredEvent> second = EventStoreTest.batch("agent-2", 2);
    LegacyEventLog.append(dir, first);
    LegacyEventLog.append(dir, second);
    List<StoredEvent> read = new ArrayList<>();

    EventLogReader.Read result = EventLogReader.read(log(), read::add);

    List<StoredEvent> all = new ArrayList<>(first);
    all.addAll(second);
    assertThat(read).extracting(StoredEvent::id).containsExactlyElementsOf(ids(all));
    assertThat(read).extracting(StoredEvent::agentId).startsWith("agent-1").endsWith("agent-2");
    assertThat(result.damagedOffsets()).isEmpty();
    assertThat(result.scan().tail()).isEqualTo(RecordScanner.Tail.NONE);
  }

  @Test
  void read_tornTail_isReportedAndLeftInPlace() throws IOException {
    List<StoredEvent> stored = EventStoreTest.batch("agent-1", 2);
    LegacyEventLog.append(dir, stored);
    long whole = Files.size(log());
    Files.write(log(), new byte[] {0, 0, 1}, StandardOpenOption.APPEND);
    List<StoredEvent> read = new ArrayList<>();

    EventLogReader.Read result = EventLogReader.read(log(), read::add);

    assertThat(read).extracting(StoredEvent::id).containsExactlyElementsOf(ids(stored));
    assertThat(result.scan().tail()).isEqualTo(RecordScanner.Tail.TORN);
    assertThat(result.scan().intactEnd()).isEqualTo(whole);
    assertThat(Files.size(log())).as("a reader cuts nothing").isEqualTo(whole + 3);
  }

  @Test
  void read_damagedRecordInTheMiddle_isCountedAndTheRestRead() throws IOException {
    List<StoredEvent> stored = EventStoreTest.batch("agent-1", 3);
    LegacyEventLog.append(dir, stored);
    byte[] bytes = Files.readAllBytes(log());
    long second = LegacyEventLog.encode(stored.get(0)).length;
    bytes[(int) second + 12] ^= 0x10;
    Files.write(log(), bytes);
    List<StoredEvent> read = new ArrayList<>();

    EventLogReader.Read result = EventLogReader.read(log(), read::add);

    assertThat(read)
        .extracting(StoredEvent::id)
        .containsExactly(stored.get(0).id(), stored.get(2).id());
    assertThat(result.damagedOffsets()).containsExactly(second);
  }

  private Path log() {
    return dir.resolve(EventLogReader.LOG_FILE);
  }

  private static List<String> ids(List<StoredEvent> events) {
    return events.stream().map(StoredEvent::id).toList();
  }
}
