package io.relayagent.server.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.relayagent.protocol.json.ProtocolJson;
import io.relayagent.protocol.json.RawJson;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The event store across crashes: what was acknowledged is there exactly once after a restart, a
 * torn tail is cut off (and kept aside), and appends go on after it.
 */
class EventStoreTest {
  @TempDir Path dir;

  @Test
  void append_sameEventsAgain_storesNothingTwice_evenAfterReopening() throws Exception {
    List<StoredEvent> batch = batch("agent-1", 5);
    try (EventStore store = EventStore.open(dir)) {
      assertThat(store.append(batch).stored()).isEqualTo(5);
      EventStore.Appended again = store.append(batch);
      assertThat(again.stored()).isZero();
      assertThat(again.duplicates()).isEqualTo(5);
      assertThat(again.acknowledged()).isEqualTo(ids(batch));
    }
    try (EventStore reopened = EventStore.open(dir)) {
      assertThat(reopened.append(batch).duplicates()).isEqualTo(5);
      assertThat(reopened.size()).isEqualTo(5);
      assertThat(reopened.countFor("agent-1")).isEqualTo(5);
    }
    assertThat(countInLog()).isEqualTo(Map.of("agent-1", 5));
  }

  @Test
  void append_sameIdFromAnotherAgent_isAnotherEvent() throws Exception {
    List<StoredEvent> batch = batch("agent-1", 2);
    List<StoredEvent> copied = new ArrayList<>();
    for (StoredEvent event : batch) {
      copied.add(event(event.id(), "agent-2", event.data()));
    }

    try (EventStore store = EventStore.open(dir)) {
      store.append(batch);
      assertThat(store.append(copied).stored()).isEqualTo(2);
      assertThat(store.contains("agent-2", batch.get(0).id())).isTrue();
    }
  }

  @Test
  void append_sameIdTwiceInOneBatch_storesItOnce() throws Exception {
    List<StoredEvent> batch = batch("agent-1", 1);
    batch.add(batch.get(0));

    try (EventStore store = EventStore.open(dir)) {
      EventStore.Appended result = store.append(batch);
      assertThat(result.stored()).isEqualTo(1);
      assertThat(result.duplicates()).isEqualTo(1);
    }
  }

  @Test
  void append_byAnInterruptedThread_stillWorks_andTheStoreStaysOpenForOthers() throws Exception {
    try (EventStore store = EventStore.open(dir)) {
      Thread.currentThread().interrupt();
      try {
        assertThat(store.append(batch("agent-1", 2)).stored()).isEqualTo(2);
      } finally {
        assertThat(Thread.interrupted()).as("the interrupt is left for its owner").isTrue();
      }
      assertThat(store.append(batch("agent-1", 2)).stored()).isEqualTo(2);
    }
    assertThat(countInLog()).isEqualTo(Map.of("agent-1", 4));
  }

  @Test
  void crashMidRecord_halfARecordAtTheEnd_isCutOff_andNothingAcknowledgedIsLost() throws Exception {
    List<StoredEvent> acknowledged = batch("agent-1", 20);
    try (EventStore store = EventStore.open(dir)) {
      store.append(acknowledged);
    }
    long whole = Files.size(log());
    byte[] record = encode(batch("agent-1", 1).get(0));
    append(Arrays.copyOf(record, record.length / 2)); // the crash: the record half written

    assertRecoversTo(acknowledged, whole);
  }

  @Test
  void crashMidHeader_fewerThanEightBytes_isCutOff() throws Exception {
    List<StoredEvent> acknowledged = batch("agent-1", 3);
    try (EventStore store = EventStore.open(dir)) {
      store.append(acknowledged);
    }
    long whole = Files.size(log());
    append(new byte[] {0, 0, 1});

    assertRecoversTo(acknowledged, whole);
  }

  @Test
  void garbageAtTheEnd_isCutOff_andKeptAside() throws Exception {
    List<StoredEvent> acknowledged = batch("agent-1", 3);
    try (EventStore store = EventStore.open(dir)) {
      store.append(acknowledged);
    }
    long whole = Files.size(log());
    byte[] garbage =
        "\u0000\u0000\u0000\u0010garbage that is not a record".getBytes(StandardCharsets.UTF_8);
    append(garbage);

    assertRecoversTo(acknowledged, whole);
    try (var aside = Files.list(dir)) {
      Path kept =
          aside
              .filter(p -> p.getFileName().toString().startsWith("events.log.damaged-"))
              .findFirst()
              .orElseThrow();
      assertThat(Files.readAllBytes(kept)).isEqualTo(garbage);
    }
  }

  @Test
  void lastRecordWithABadChecksum_isCutOff() throws Exception {
    List<StoredEvent> acknowledged = batch("agent-1", 3);
    try (EventStore store = EventStore.open(dir)) {
      store.append(acknowledged);
    }
    long whole = Files.size(log());
    byte[] record = encode(batch("agent-1", 1).get(0));
    record[record.length - 3] ^= 0x20; // one flipped bit in the payload: whole length, wrong sum
    append(record);

    assertRecoversTo(acknowledged, whole);
  }

  @Test
  void agentResendsTheBatchInterruptedByTheCrash_itsEventsAreStoredOnceEach() throws Exception {
    List<StoredEvent> interrupted = batch("agent-1", 4);
    try (EventStore store = EventStore.open(dir)) {
      store.append(interrupted.subList(0, 2)); // the first records of the batch reached the disk
    }
    byte[] third = encode(interrupted.get(2));
    append(Arrays.copyOf(third, 11)); // ... the third was torn, the fourth never written

    try (EventStore store = EventStore.open(dir)) {
      EventStore.Appended resent = store.append(interrupted);
      assertThat(resent.stored()).isEqualTo(2);
      assertThat(resent.duplicates()).isEqualTo(2);
    }
    assertThat(countInLog()).isEqualTo(Map.of("agent-1", 4));
    assertThat(idsInLog()).containsExactlyInAnyOrderElementsOf(ids(interrupted));
  }

  /** Reopens the store: the log is back to {@code length}, holds every acknowledged event once. */
  private void assertRecoversTo(List<StoredEvent> acknowledged, long length) throws IOException {
    try (EventStore store = EventStore.open(dir)) {
      assertThat(Files.size(log())).isEqualTo(length);
      assertThat(store.size()).isEqualTo(acknowledged.size());
      for (StoredEvent event : acknowledged) {
        assertThat(store.contains("agent-1", event.id())).isTrue();
      }
      List<StoredEvent> next = batch("agent-1", 2);
      assertThat(store.append(next).stored()).isEqualTo(2);
      acknowledged = new ArrayList<>(acknowledged);
      acknowledged.addAll(next);
    }
    assertThat(idsInLog()).containsExactlyInAnyOrderElementsOf(ids(acknowledged));
  }

  private Path log() {
    return dir.resolve(EventStore.LOG_FILE);
  }

  private void append(byte[] bytes) throws IOException {
    Files.write(log(), bytes, StandardOpenOption.APPEND);
  }

  /**
   * Every event id in the log, read record by record as a fresh process would (on a read-only
   * channel: the log is whole by now, so recovery writes nothing).
   */
  private List<String> idsInLog() throws IOException {
    List<String> ids = new ArrayList<>();
    try (FileChannel channel = FileChannel.open(log(), StandardOpenOption.READ)) {
      EventLogRecovery.recover(log(), channel, e -> ids.add(e.id()));
    }
    return ids;
  }

  private Map<String, Integer> countInLog() throws IOException {
    Map<String, Integer> counts = new HashMap<>();
    try (FileChannel channel = FileChannel.open(log(), StandardOpenOption.READ)) {
      EventLogRecovery.recover(log(), channel, e -> counts.merge(e.agentId(), 1, Integer::sum));
    }
    return counts;
  }

  static byte[] encode(StoredEvent event) {
    return EventLogFormat.RECORDS.frame(ProtocolJson.write(event)).array();
  }

  static List<StoredEvent> batch(String agentId, int size) {
    List<StoredEvent> events = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      String data = "{\"n\":" + i + ",\"text\":\"" + "x".repeat(i * 7) + "\"}";
      events.add(event(UUID.randomUUID().toString(), agentId, new RawJson(data)));
    }
    return events;
  }

  /** A stored event with only what the store needs: its id, its agent and some data. */
  static StoredEvent event(String id, String agentId, RawJson data) {
    return new StoredEvent(
        id, agentId, "detection", "normal", "2026-03-02T10:00:00Z", data, null, null);
  }

  static List<String> ids(List<StoredEvent> events) {
    return events.stream().map(StoredEvent::id).toList();
  }
}
