package io.relayagent.server.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.relayagent.protocol.json.RawJson;
import io.relayagent.server.ServerDirectory;
import io.relayagent.server.store.Stores;
import io.relayagent.server.store.TestDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The event store on each database: every event stored once, whoever resends it and however many
 * store it at once, and what was stored is there after reopening.
 */
class EventStoreTest {
  @TempDir Path dir;

  @ParameterizedTest
  @MethodSource("io.relayagent.server.store.TestDatabase#all")
  void append_sameEventsAgain_storesNothingTwice_evenAfterReopening(TestDatabase database)
      throws Exception {
    List<StoredEvent> batch = batch("agent-1", 5);
    var settings = database.settings(dir);
    try (Stores stores = Stores.open(settings, new ServerDirectory(dir))) {
      EventStore store = stores.events();
      assertThat(store.append(batch).stored()).isEqualTo(5);
      EventStore.Appended again = store.append(batch);
      assertThat(again.stored()).isZero();
      assertThat(again.duplicates()).isEqualTo(5);
      assertThat(again.acknowledged()).isEqualTo(ids(batch));
    }
    try (Stores stores = Stores.open(settings, new ServerDirectory(dir))) {
      EventStore reopened = stores.events();
      assertThat(reopened.append(batch).duplicates()).isEqualTo(5);
      assertThat(reopened.size()).isEqualTo(5);
      assertThat(reopened.countFor("agent-1")).isEqualTo(5);
      assertThat(reopened.countFor("agent-2")).isZero();
    }
  }

  @ParameterizedTest
  @MethodSource("io.relayagent.server.store.TestDatabase#all")
  void append_sameIdFromAnotherAgent_isAnotherEvent(TestDatabase database) throws Exception {
    List<StoredEvent> batch = batch("agent-1", 2);
    List<StoredEvent> copied = new ArrayList<>();
    for (StoredEvent event : batch) {
      copied.add(event(event.id(), "agent-2", event.data()));
    }

    try (Stores stores = database.open(dir)) {
      EventStore store = stores.events();
      store.append(batch);
      assertThat(store.append(copied).stored()).isEqualTo(2);
      assertThat(store.contains("agent-2", batch.get(0).id())).isTrue();
      assertThat(store.contains("agent-3", batch.get(0).id())).isFalse();
      assertThat(store.countsByAgent()).isEqualTo(Map.of("agent-1", 2L, "agent-2", 2L));
    }
  }

  @ParameterizedTest
  @MethodSource("io.relayagent.server.store.TestDatabase#all")
  void append_sameIdTwiceInOneBatch_storesItOnce(TestDatabase database) throws Exception {
    List<StoredEvent> batch = batch("agent-1", 1);
    batch.add(batch.get(0));

    try (Stores stores = database.open(dir)) {
      EventStore.Appended result = stores.events().append(batch);
      assertThat(result.stored()).isEqualTo(1);
      assertThat(result.duplicates()).isEqualTo(1);
      assertThat(result.acknowledged()).hasSize(2);
    }
  }

  @ParameterizedTest
  @MethodSource("io.relayagent.server.store.TestDatabase#all")
  void append_sameBatchFromManyThreadsAtOnce_storesEachEventOnce(TestDatabase database)
      throws Exception {
    List<StoredEvent> batch = batch("agent-1", 200);
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try (Stores stores = database.open(dir)) {
      List<Callable<Integer>> resends = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        resends.add(() -> stores.events().append(batch).stored());
      }
      int stored = 0;
      for (Future<Integer> result : threads.invokeAll(resends)) {
        stored += result.get();
      }
      assertThat(stored).as("stored by all the threads together").isEqualTo(200);
      assertThat(stores.events().size()).isEqualTo(200);
    } finally {
      threads.shutdownNow();
    }
  }

  @ParameterizedTest
  @MethodSource("io.relayagent.server.store.TestDatabase#all")
  void recent_givesTheAgentsLatestEvents_newestFirst(TestDatabase database) throws Exception {
    List<StoredEvent> first = batch("agent-1", 3);
    List<StoredEvent> second = batch("agent-1", 2);

    try (Stores stores = database.open(dir)) {
      stores.events().append(first);
      stores.events().append(batch("agent-2", 4));
      stores.events().append(second);

      assertThat(stores.events().recent("agent-1", 3))
          .extracting(StoredEvent::id)
          .containsExactly(second.get(1).id(), second.get(0).id(), first.get(2).id());
      assertThat(stores.events().recent("agent-1", 3).get(0).data())
          .isEqualTo(second.get(1).data());
    }
  }

  @ParameterizedTest
  @MethodSource("io.relayagent.server.store.TestDatabase#all")
  void append_byAnInterruptedThread_stillWorks_andTheStoreStaysOpenForOthers(TestDatabase database)
      throws Exception {
    try (Stores stores = database.open(dir)) {
      EventStore store = stores.events();
      store.append(batch("agent-1", 1)); // the pool has its connection before the interrupt
      Thread.currentThread().interrupt();
      try {
        assertThat(store.append(batch("agent-1", 2)).stored()).isEqualTo(2);
      } finally {
        assertThat(Thread.interrupted()).as("the interrupt is left for its owner").isTrue();
      }
      assertThat(store.append(batch("agent-1", 2)).stored()).isEqualTo(2);
      assertThat(store.size()).isEqualTo(5);
    }
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
