package io.relayagent.server.events;

import io.relayagent.protocol.json.RawJson;
import io.relayagent.server.ServerDirectory;
import io.relayagent.server.store.DatabaseSettings;
import io.relayagent.server.store.Stores;
import java.nio.file.Path;
import java.util.List;

/**
 * A separate JVM that appends batches to the event store of a server directory's SQLite database
 * until it is killed, printing {@code ACK <id>,<id>,...} for each batch only after {@link
 * EventStore#append} returned: what the server would have acknowledged.
 */
public final class EventWriterProcess {
  private EventWriterProcess() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    try (Stores stores = Stores.open(DatabaseSettings.sqliteIn(dir), new ServerDirectory(dir))) {
      EventStore store = stores.events();
      while (true) {
        // Larger events make a kill in the middle of a write more likely.
        RawJson padding = new RawJson("\"" + "p".repeat(4096) + "\"");
        List<StoredEvent> batch =
            EventStoreTest.batch("agent-1", 40).stream()
                .map(event -> EventStoreTest.event(event.id(), event.agentId(), padding))
                .toList();
        store.append(batch);
        System.out.println("ACK " + String.join(",", EventStoreTest.ids(batch)));
        System.out.flush();
      }
    }
  }
}
