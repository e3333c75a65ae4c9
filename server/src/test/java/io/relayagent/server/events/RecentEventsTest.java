package io.relayagent.server.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.relayagent.protocol.json.RawJson;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecentEventsTest {
  @TempDir Path dir;

  @Test
  void recentFor_manyEvents_keepsTheLastFewNewestFirst() throws Exception {
    List<StoredEvent> batch = EventStoreTest.batch("agent-1", RecentEvents.PER_AGENT + 5);
    try (EventStore store = EventStore.open(dir)) {
      store.append(batch);
      store.append(EventStoreTest.batch("agent-2", 1));

      assertThat(store.recentFor("agent-1"))
          .extracting(RecentEvent::id)
          .containsExactlyElementsOf(newestFirst(batch.subList(5, batch.size())));
      assertThat(store.recentFor("agent-2")).hasSize(1);
      assertThat(store.recentFor("nobody")).isEmpty();
    }
  }

  @Test
  void recentFor_afterReopen_isRebuiltFromTheLog() throws Exception {
    List<StoredEvent> batch = EventStoreTest.batch("agent-1", 3);
    try (EventStore store = EventStore.open(dir)) {
      store.append(batch);
      store.append(batch); // resent: stored once, listed once
    }

    try (EventStore store = EventStore.open(dir)) {
      assertThat(store.recentFor("agent-1"))
          .extracting(RecentEvent::id)
          .containsExactlyElementsOf(newestFirst(batch));
    }
  }

  @Test
  void recentFor_largeData_isCutShort() throws Exception {
    String big = "{\"text\":\"" + "x".repeat(10_000) + "\"}";
    try (EventStore store = EventStore.open(dir)) {
      store.append(List.of(EventStoreTest.event("e-1", "agent-1", new RawJson(big))));

      String data = store.recentFor("agent-1").get(0).data();
      assertThat(data).hasSize(RecentEvent.MAX_DATA_CHARS + 1).endsWith("…");
    }
  }

  private static List<String> newestFirst(List<StoredEvent> events) {
    List<String> ids = new ArrayList<>(EventStoreTest.ids(events));
    Collections.reverse(ids);
    return ids;
  }
}
