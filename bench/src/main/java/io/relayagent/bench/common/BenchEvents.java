package io.relayagent.bench.common;

import io.relayagent.protocol.agent.EventBatch;
import io.relayagent.protocol.agent.EventPriority;
import io.relayagent.protocol.agent.EventType;
import io.relayagent.protocol.json.RawJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.IntFunction;

/** Event batches as an agent sends them: fresh batch and event ids, one timestamp per batch. */
public final class BenchEvents {
  private BenchEvents() {}

  /**
   * A batch of {@code size} events of {@code type} from {@code agentId}; event {@code i}'s data is
   * {@code data.apply(i)} (a JSON value).
   */
  public static EventBatch batch(
      String agentId, int size, EventType type, IntFunction<String> data) {
    String now = Instant.now().toString();
    List<EventBatch.Event> events = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      events.add(
          new EventBatch.Event(
              UUID.randomUUID().toString(),
              type,
              EventPriority.NORMAL,
              now,
              new RawJson(data.apply(i))));
    }
    return new EventBatch(UUID.randomUUID().toString(), agentId, events);
  }
}
