package io.relayagent.agent.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.relayagent.config.EventQueuePolicy;
import io.relayagent.protocol.agent.EventPriority;
import io.relayagent.protocol.agent.EventType;
import io.relayagent.testkit.MutableClock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableEventQueueTest {

  private static final EventQueuePolicy LIMITS = new EventQueuePolicy(1000, 1, 3);

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
  @AutoClose private DurableEventQueue queue;

  private DurableEventQueue reopen() throws IOException {
    if (queue != null) {
      queue.close();
    }
    queue = DurableEventQueue.open(dir, LIMITS, clock);
    return queue;
  }

  @Test
  void enqueue_batchCarriesTheEventAsQueued() throws IOException {
    reopen();
    String id = queue.enqueue(EventType.DETECTION, EventPriority.HIGH, "{\"file\":\"/tmp/é\\n\"}");

    Batch batch = queue.nextBatch().orElseThrow();

    assertThat(batch.events())
        .containsExactly(
            new Event(
                id,
                EventType.DETECTION,
                EventPriority.HIGH,
                clock.instant(),
                "{\"file\":\"/tmp/é\\n\"}"));
  }

  @Test
  void acknowledge_allRemovesThemAndTheQueueIsEmpty() throws IOException {
    reopen();
    queue.enqueue(EventType.STATUS, EventPriority.NORMAL, "1");
    queue.enqueue(EventType.STATUS, EventPriority.NORMAL, "2");
    Batch batch = queue.nextBatch().orElseThrow();

    assertThat(queue.acknowledge(batch, batch.eventIds())).isEqualTo(2);

    assertThat(queue.nextBatch()).isEmpty();
    assertThat(queue.depth()).isZero();
    assertThat(queue.bytes()).isZero();
    assertThat(reopen().depth()).isZero();
  }

  @Test
  void acknowledge_partialKeepsTheRestForANewBatch() throws IOException {
    reopen();
    String a = queue.enqueue(EventType.STATUS, EventPriority.NORMAL, "\"a\"");
    String b = queue.enqueue(EventType.STATUS, EventPriority.NORMAL, "\"b\"");
    String c = queue.enqueue(EventType.STATUS, EventPriority.NORMAL, "\"c\"");
    Batch first = queue.nextBatch().orElseThrow();

    assertThat(queue.acknowledge(first, Set.of(b, "not-an-id-of-this-batch"))).isEqualTo(1);

    Batch second = queue.nextBatch().orElseThrow();
    assertThat(second.batchId()).isNotEqualTo(first.batchId());
    assertThat(second.eventIds()).containsExactly(a, c);
    assertThat(reopen().nextBatch().orElseThrow()).isEqualTo(second);
  }

  @Test
  void acknowledge_noneKeepsTheSameBatch() throws IOException {
    reopen();
    queue.enqueue(EventType.STATUS, EventPriority.NORMAL, "{}");
    Batch batch = queue.nextBatch().orElseThrow();

    assertThat(queue.acknowledge(batch, Set.of())).isZero();

    assertThat(queue.nextBatch()).contains(batch);
  }

  @Test
  void nextBatch_sameBatchUntilAcknowledgedEvenAfterRestart() throws IOException {
    reopen();
    for (int i = 0; i < 5; i++) {
      queue.enqueue(EventType.DETECTION, EventPriority.NORMAL, "{\"n\":" + i + "}");
    }
    Batch batch = queue.nextBatch().orElseThrow();
    queue.enqueue(EventType.DETECTION, EventPriority.HIGH, "{\"late\":true}");

    assertThat(queue.nextBatch()).contains(batch);
    assertThat(reopen().nextBatch()).contains(batch);
    assertThat(reopen().nextBatch()).contains(batch);

    queue.acknowledge(batch, batch.eventIds());
    assertThat(queue.nextBatch().orElseThrow().events().get(0).data()).isEqualTo("{\"late\":true}");
  }

  @Test
  void nextBatch_highestPriorityFirstOldestFirstWithinOne() throws IOException {
    queue = DurableEventQueue.open(dir, new EventQueuePolicy(1000, 1, 100), clock);
    String low1 = queue.enqueue(EventType.STATUS, EventPriority.LOW, "1");
    String normal1 = queue.enqueue(EventType.STATUS, EventPriority.NORMAL, "2");
    String high1 = queue.enqueue(EventType.DETECTION, EventPriority.HIGH, "3");
    String low2 = queue.enqueue(EventType.STATUS, EventPriority.LOW, "4");
    String high2 = queue.enqueue(EventType.DETECTION, EventPriority.HIGH, "5");
    String normal2 = queue.enqueue(EventType.STATUS, EventPriority.NORMAL, "6");

    assertThat(queue.nextBatch().orElseThrow().eventIds())
        .containsExactly(high1, high2, normal1, normal2, low1, low2);
    queue.close();
    queue = DurableEventQueue.open(dir, new EventQueuePolicy(1000, 1, 100), clock);
    assertThat(queue.nextBatch().orElseThrow().eventIds())
        .containsExactly(high1, high2, normal1, normal2, low1, low2);
  }

  @Test
  void nextBatch_takesAtMostBatchSizeEvents() throws IOException {
    reopen();
    for (int i = 0; i < 7; i++) {
      queue.enqueue(EventType.STATUS, EventPriority.NORMAL, Integer.toString(i));
    }
    List<String> sent = new ArrayList<>();
    for (Batch batch = queue.nextBatch().orElse(null);
        batch != null;
        batch = queue.nextBatch().orElse(null)) {
      assertThat(batch.events()).hasSizeLessThanOrEqualTo(3);
      batch.events().forEach(event -> sent.add(event.data()));
      queue.acknowledge(batch, batch.eventIds());
    }
    assertThat(sent).containsExactly("0", "1", "2", "3", "4", "5", "6");
  }

  @Test
  void counters_followEnqueueAndAcknowledge() throws IOException {
    reopen();
    queue.enqueue(EventType.STATUS, EventPriority.NORMAL, "[1,2,3]");
    queue.enqueue(EventType.STATUS, EventPriority.NORMAL, "[4]");
    long two = EventRecord.frameBytes(7) + EventRecord.frameBytes(3);
    assertThat(queue.depth()).isEqualTo(2);
    assertThat(queue.bytes()).isEqualTo(two);
    assertThat(queue.dropped()).isZero();

    Batch batch = queue.nextBatch().orElseThrow();
    queue.acknowledge(batch, Set.of(batch.events().get(0).id()));
    assertThat(queue.depth()).isEqualTo(1);
    assertThat(queue.bytes()).isEqualTo(EventRecord.frameBytes(3));
    assertThat(reopen().depth()).isEqualTo(1);
    assertThat(queue.bytes()).isEqualTo(EventRecord.frameBytes(3));
  }

  @Test
  void enqueue_timeComesFromTheClock() throws IOException {
    reopen();
    clock.advance(Duration.ofHours(3));
    queue.enqueue(EventType.STATUS, EventPriority.LOW, "null");
    assertThat(reopen().nextBatch().orElseThrow().events().get(0).time())
        .isEqualTo(Instant.parse("2025-03-01T13:00:00Z"));
  }

  @Test
  void enqueue_malformedJsonRefusedAndNothingQueued() throws IOException {
    reopen();
    for (String bad :
        List.of(
            "",
            "{",
            "{\"a\":1}x",
            "{'a':1}",
            "[1,]",
            "\"\\ud800",
            "nul",
            "[".repeat(100) + "]".repeat(100))) {
      assertThatThrownBy(() -> queue.enqueue(EventType.STATUS, EventPriority.LOW, bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("event data");
    }
    assertThat(queue.depth()).isZero();
  }

  @Test
  void enqueue_loneSurrogateRefused() throws IOException {
    reopen();
    assertThatThrownBy(() -> queue.enqueue(EventType.STATUS, EventPriority.LOW, "\"\ud800\""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("surrogate");
  }

  @Test
  void enqueue_dataOverTheLimitRefused() throws IOException {
    queue = DurableEventQueue.open(dir, new EventQueuePolicy(10, 8, 10), clock);
    String big = "\"" + "x".repeat(DurableEventQueue.MAX_DATA_BYTES) + "\"";

    assertThatThrownBy(() -> queue.enqueue(EventType.STATUS, EventPriority.LOW, big))
        .isInstanceOf(EventTooLargeException.class)
        .hasMessageContaining("2097152 bytes an event may carry");
    assertThat(queue.depth()).isZero();
  }

  @Test
  void open_secondOpenOfTheSameDirectoryRefused() throws IOException {
    reopen();
    assertThatThrownBy(() -> DurableEventQueue.open(dir, LIMITS, clock))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("already open");
  }

  @Test
  void closed_queueRefusesWork() throws IOException {
    reopen().close();
    assertThatThrownBy(() -> queue.enqueue(EventType.STATUS, EventPriority.LOW, "1"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> queue.nextBatch()).isInstanceOf(IllegalStateException.class);
    queue = null;
  }
}
