package io.relayagent.agent.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FullQueueTest {

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
  @AutoClose private DurableEventQueue queue;

  private List<String> dataInQueue() throws IOException {
    List<String> data = new ArrayList<>();
    queue.nextBatch().orElseThrow().events().forEach(event -> data.add(event.data()));
    return data;
  }

  private void enqueue(EventPriority priority, String data) throws IOException {
    queue.enqueue(EventType.STATUS, priority, "\"" + data + "\"");
  }

  @Test
  void full_dropsOldestLowFirstThenNormalAndSaysSo() throws IOException {
    queue = DurableEventQueue.open(dir, new EventQueuePolicy(4, 1, 10), clock);
    enqueue(EventPriority.LOW, "low1");
    enqueue(EventPriority.NORMAL, "normal1");
    enqueue(EventPriority.LOW, "low2");
    enqueue(EventPriority.HIGH, "high1");

    try (LogCapture log = new LogCapture()) {
      enqueue(EventPriority.HIGH, "high2");
      enqueue(EventPriority.NORMAL, "normal2");
      assertThat(log.messages()).noneMatch(m -> m.contains("event queue full"));
      enqueue(EventPriority.HIGH, "high3");
      assertThat(queue.dropped()).isEqualTo(3);
      queue.close();

      assertThat(log.messages())
          .containsOnlyOnce(
              "event queue full: dropped 2 low-priority events and 1 normal-priority event"
                  + " (oldest first)");
    }
    queue = DurableEventQueue.open(dir, new EventQueuePolicy(4, 1, 10), clock);
    assertThat(dataInQueue()).containsExactly("\"high1\"", "\"high2\"", "\"high3\"", "\"normal2\"");
  }

  @Test
  void full_onlyHighLeftDropsTheOldestHigh() throws IOException {
    queue = DurableEventQueue.open(dir, new EventQueuePolicy(2, 1, 10), clock);
    enqueue(EventPriority.HIGH, "h1");
    enqueue(EventPriority.HIGH, "h2");
    enqueue(EventPriority.HIGH, "h3");

    assertThat(dataInQueue()).containsExactly("\"h2\"", "\"h3\"");
    assertThat(queue.dropped()).isEqualTo(1);
  }

  @Test
  void full_lowerPriorityEventGivesWayItselfAndNothingElseIsDropped() throws IOException {
    queue = DurableEventQueue.open(dir, new EventQueuePolicy(2, 1, 10), clock);
    enqueue(EventPriority.HIGH, "h1");
    enqueue(EventPriority.NORMAL, "n1");

    String id = queue.enqueue(EventType.STATUS, EventPriority.LOW, "\"l1\"");

    assertThat(id).hasSize(36);
    assertThat(queue.dropped()).isEqualTo(1);
    assertThat(dataInQueue()).containsExactly("\"h1\"", "\"n1\"");
  }

  @Test
  void offer_lowerPriorityEventGivesWay_saysItWasNotKept() throws IOException {
    queue = DurableEventQueue.open(dir, new EventQueuePolicy(2, 1, 10), clock);
    enqueue(EventPriority.HIGH, "h1");
    enqueue(EventPriority.NORMAL, "n1");

    assertThat(queue.offer(EventType.STATUS, EventPriority.LOW, "\"l1\"")).isEmpty();
    assertThat(queue.offer(EventType.STATUS, EventPriority.HIGH, "\"h2\"")).isPresent();
    assertThat(dataInQueue()).containsExactly("\"h1\"", "\"h2\"");
  }

  @Test
  void full_byBytesDropsUntilTheNewEventFits() throws IOException {
    // 1 MiB quota: three 400 KiB events do not fit; the oldest low one goes.
    queue = DurableEventQueue.open(dir, new EventQueuePolicy(100, 1, 10), clock);
    String big = "x".repeat(400 << 10);
    enqueue(EventPriority.LOW, "a" + big);
    enqueue(EventPriority.LOW, "b" + big);
    enqueue(EventPriority.NORMAL, "c" + big);

    assertThat(queue.dropped()).isEqualTo(1);
    assertThat(queue.bytes()).isLessThanOrEqualTo(1 << 20);
    assertThat(dataInQueue()).extracting(data -> data.charAt(1)).containsExactly('c', 'b');
  }

  @Test
  void full_dropOfAnEventInFlightAbandonsThatBatch() throws IOException {
    queue = DurableEventQueue.open(dir, new EventQueuePolicy(2, 1, 10), clock);
    enqueue(EventPriority.LOW, "l1");
    enqueue(EventPriority.LOW, "l2");
    Batch inFlight = queue.nextBatch().orElseThrow();

    enqueue(EventPriority.HIGH, "h1");

    Batch next = queue.nextBatch().orElseThrow();
    assertThat(next.batchId()).isNotEqualTo(inFlight.batchId());
    assertThat(next.events()).extracting(Event::data).containsExactly("\"h1\"", "\"l2\"");
    // The answer to the abandoned batch still counts for the events that are left.
    assertThat(queue.acknowledge(inFlight, inFlight.eventIds())).isEqualTo(1);
    assertThat(queue.nextBatch().orElseThrow().events())
        .extracting(Event::data)
        .containsExactly("\"h1\"");
  }

  @Test
  void full_longBurstIsReportedAfterAMinute() throws IOException {
    queue = DurableEventQueue.open(dir, new EventQueuePolicy(1, 1, 10), clock);
    try (LogCapture log = new LogCapture()) {
      for (int i = 0; i < 5; i++) {
        enqueue(EventPriority.LOW, "l" + i);
      }
      clock.advance(Duration.ofSeconds(61));
      enqueue(EventPriority.LOW, "last");

      assertThat(log.messages())
          .containsExactly("event queue full: dropped 5 low-priority events (oldest first)");
    }
  }

  @Test
  void open_withSmallerLimitsTrimsTheQueue() throws IOException {
    queue = DurableEventQueue.open(dir, new EventQueuePolicy(10, 1, 10), clock);
    for (int i = 0; i < 6; i++) {
      enqueue(i % 2 == 0 ? EventPriority.LOW : EventPriority.HIGH, "e" + i);
    }
    queue.close();

    queue = DurableEventQueue.open(dir, new EventQueuePolicy(4, 1, 10), clock);

    assertThat(queue.depth()).isEqualTo(4);
    assertThat(dataInQueue()).containsExactly("\"e1\"", "\"e3\"", "\"e5\"", "\"e4\"");
  }

  @Test
  void enqueue_neverWaitsForASendInProgressEvenWhenFull() throws Exception {
    queue = DurableEventQueue.open(dir, new EventQueuePolicy(10, 1, 5), clock);
    for (int i = 0; i < 10; i++) {
      enqueue(EventPriority.NORMAL, "n" + i);
    }
    CountDownLatch sending = new CountDownLatch(1);
    CountDownLatch answer = new CountDownLatch(1);
    CompletableFuture<Integer> upload =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return new EventUploader(queue)
                    .sendAll(
                        batch -> {
                          sending.countDown();
                          answer.await();
                          return batch.eventIds();
                        });
              } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    assertThat(sending.await(10, TimeUnit.SECONDS)).isTrue();

    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () -> {
          for (int i = 0; i < 2000; i++) {
            enqueue(EventPriority.LOW, "l" + i);
          }
        });
    assertThat(queue.depth()).isEqualTo(10);
    assertThat(queue.dropped()).isEqualTo(2000);

    answer.countDown();
    assertThat(upload.get(10, TimeUnit.SECONDS)).isEqualTo(10);
    assertThat(queue.depth()).isZero();
  }
}
