package io.relayagent.agent.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.relayagent.config.EventQueuePolicy;
import io.relayagent.protocol.agent.EventPriority;
import io.relayagent.protocol.agent.EventType;
import io.relayagent.testkit.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Removed events give their disk space back, and moving records never changes the queue. */
class QueueCompactionTest {

  // A 1 MiB quota makes 64 KiB segments: 2 KiB events fill one in about 30.
  private static final EventQueuePolicy LIMITS = new EventQueuePolicy(10_000, 1, 100);
  // 300 events, one in four LOW: three batches of 75 carry exactly the HIGH ones.
  private static final EventQueuePolicy BATCHES_OF_75 = new EventQueuePolicy(10_000, 1, 75);
  private static final String PADDING = "x".repeat(2000);

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
  @AutoClose private DurableEventQueue queue;

  private long segmentFiles() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().startsWith("events-")).count();
    }
  }

  private long filesOnDisk() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      long total = 0;
      for (Path file : files.toList()) {
        total += Files.size(file);
      }
      return total;
    }
  }

  private String data(int n) {
    return "{\"n\":" + n + ",\"pad\":\"" + PADDING + "\"}";
  }

  @Test
  void acknowledged_segmentsAreDeleted() throws IOException {
    queue = DurableEventQueue.open(dir, LIMITS, clock);
    for (int i = 0; i < 150; i++) {
      queue.enqueue(EventType.STATUS, EventPriority.NORMAL, data(i));
    }
    assertThat(segmentFiles()).isGreaterThanOrEqualTo(4);

    for (Batch batch = queue.nextBatch().orElse(null);
        batch != null;
        batch = queue.nextBatch().orElse(null)) {
      queue.acknowledge(batch, batch.eventIds());
    }

    assertThat(segmentFiles()).isEqualTo(1);
    assertThat(queue.diskBytes()).isLessThan(SegmentSet.targetBytes(LIMITS.maxBytes()) + 4096);
    assertThat(filesOnDisk()).isEqualTo(queue.diskBytes());
  }

  @Test
  void stragglers_segmentsAreRewrittenAndTheRestStaysInOrder() throws IOException {
    queue = DurableEventQueue.open(dir, BATCHES_OF_75, clock);
    List<String> low = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      EventPriority priority = i % 4 == 0 ? EventPriority.LOW : EventPriority.HIGH;
      String id = queue.enqueue(EventType.STATUS, priority, data(i));
      if (priority == EventPriority.LOW) {
        low.add(id);
      }
    }
    long before = filesOnDisk();
    // Batches carry HIGH first: acknowledging three of them leaves only the LOW events.
    for (int i = 0; i < 3; i++) {
      Batch batch = queue.nextBatch().orElseThrow();
      assertThat(batch.events()).allMatch(e -> e.priority() == EventPriority.HIGH);
      queue.acknowledge(batch, batch.eventIds());
    }
    assertThat(queue.depth()).isEqualTo(75);
    queue.close();

    queue = DurableEventQueue.open(dir, BATCHES_OF_75, clock);

    long target = SegmentSet.targetBytes(LIMITS.maxBytes());
    assertThat(filesOnDisk()).isLessThan(before / 2);
    assertThat(filesOnDisk()).isLessThanOrEqualTo(queue.bytes() * 4 / 3 + target + 4096);
    Batch rest = queue.nextBatch().orElseThrow();
    assertThat(new ArrayList<>(rest.eventIds())).isEqualTo(low);
    assertThat(rest.events().get(1).data()).isEqualTo(data(4));
  }

  @Test
  void compactionWhileRunning_keepsEventsReadable() throws IOException {
    queue = DurableEventQueue.open(dir, BATCHES_OF_75, clock);
    Set<String> low = new HashSet<>();
    for (int i = 0; i < 300; i++) {
      EventPriority priority = i % 4 == 0 ? EventPriority.LOW : EventPriority.HIGH;
      String id = queue.enqueue(EventType.STATUS, priority, data(i));
      if (priority == EventPriority.LOW) {
        low.add(id);
      }
    }
    // Each acknowledgement rewrites at most one segment; keep going until only LOW is left.
    Set<String> sent = new HashSet<>();
    while (queue.depth() > 75) {
      Batch batch = queue.nextBatch().orElseThrow();
      queue.acknowledge(batch, batch.eventIds());
    }
    queue.enqueue(EventType.STATUS, EventPriority.HIGH, data(1000));
    for (Batch batch = queue.nextBatch().orElse(null);
        batch != null;
        batch = queue.nextBatch().orElse(null)) {
      batch.events().forEach(e -> sent.add(e.id()));
      queue.acknowledge(batch, batch.eventIds());
    }
    assertThat(sent).containsAll(low).hasSize(76);
  }

  @Test
  void journal_isRewrittenSmallOnOpen() throws IOException {
    queue = DurableEventQueue.open(dir, new EventQueuePolicy(10_000, 1, 1), clock);
    for (int i = 0; i < 500; i++) {
      queue.enqueue(EventType.STATUS, EventPriority.NORMAL, "{\"n\":" + i + "}");
      Batch batch = queue.nextBatch().orElseThrow();
      queue.acknowledge(batch, batch.eventIds());
    }
    long grown = Files.size(dir.resolve("state.log"));
    queue.close();

    queue = DurableEventQueue.open(dir, new EventQueuePolicy(10_000, 1, 1), clock);

    assertThat(grown).isGreaterThan(40_000);
    // Only the ids of removed events still in the active segment are remembered.
    assertThat(Files.size(dir.resolve("state.log"))).isLessThan(20_000);
    assertThat(queue.depth()).isZero();
  }
}
