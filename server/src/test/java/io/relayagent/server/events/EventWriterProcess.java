package io.relayagent.server.events;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A separate JVM that appends batches to an event store until it is killed, printing {@code ACK
 * <id>,<id>,...} for each batch only after {@link EventStore#append} returned: what the server
 * would have acknowledged.
 */
public final class EventWriterProcess {
  private EventWriterProcess() {}

  public static void main(String[] args) throws Exception {
    try (EventStore store = EventStore.open(Path.of(args[0]))) {
      while (true) {
        // Larger events make a kill in the middle of a write more likely.
        List<Map<String, Object>> batch = EventStoreTest.batch("agent-1", 40);
        batch.forEach(event -> event.put("padding", "p".repeat(4096)));
        store.append(batch);
        System.out.println("ACK " + String.join(",", EventStoreTest.ids(batch)));
        System.out.flush();
      }
    }
  }
}
