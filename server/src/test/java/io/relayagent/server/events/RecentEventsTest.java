package io.relayagent.server.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.relayagent.protocol.json.RawJson;
import io.relayagent.server.ServerDirectory;
import io.relayagent.server.store.DatabaseSettings;
import io.relayagent.server.store.Stores;
import io.relayagent.server.store.TestDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RecentEventsTest {
  @TempDir Path dir;

  @ParameterizedTest
  @MethodSource("io.relayagent.server.store.TestDatabase#all")
  void recentFor_manyEvents_keepsTheLastFewNewestFirst(TestDatabase database) throws Exception {
    DatabaseSettings settings = database.settings(dir);
    List<StoredEvent> batch = EventStoreTest.batch("agent-1", EventStore.RECENT_PER_AGENT + 5);
    try (Stores stores = Stores.open(settings, new ServerDirectory(dir))) {
      EventStore store = stores.events();
      store.append(batch);
      store.append(EventStoreTest.batch("agent-2", 1));

      assertThat(store.recentFor("agent-1"))
          .extracting(RecentEvent::id)
          .containsExactlyElementsOf(newestFirst(batch.subList(5, batch.size())));
      assertThat(store.recentFor("agent-2")).hasSize(1);
      assertThat(store.recentFor("nobody")).isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("io.relayagent.server.store.TestDatabase#all")
  void recentFor_afterReopen_isReadFromTheDatabase(TestDatabase database) throws Exception {
    DatabaseSettings settings = database.settings(dir);
    List<StoredEvent> batch = EventStoreTest.batch("agent-1", 3);
    try (Stores stores = Stores.open(settings, new ServerDirectory(dir))) {
      EventStore store = stores.events();
      store.append(batch);
      store.append(batch); // resent: stored once, listed once
    }

    try (Stores stores = Stores.open(settings, new ServerDirectory(dir))) {
      EventStore store = stores.events();
      assertThat(store.recentFor("agent-1"))
          .extracting(RecentEvent::id)
          .containsExactlyElementsOf(newestFirst(batch));
    }
  }

  @ParameterizedTest
  @MethodSource("io.relayagent.server.store.TestDatabase#all")
  void recentFor_largeData_isCutShort(TestDatabase database) throws Exception {
    DatabaseSettings settings = database.settings(dir);
    String big = "{\"text\":\"" + "x".repeat(10_000) + "\"}";
    try (Stores stores = Stores.open(settings, new ServerDirectory(dir))) {
      EventStore store = stores.events();
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
