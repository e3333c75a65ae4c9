package io.relayagent.server.events;

import io.relayagent.protocol.agent.EventBatch;
import io.relayagent.protocol.json.RawJson;
import java.time.Instant;

/**
 * One event as {@code events.log} keeps it: the event's own members as the agent sent them, then
 * who sent it, in which batch, and when the server received it. Read back leniently (plain strings,
 * nothing required): a record the server wrote is never refused for what it holds.
 */
public record StoredEvent(
    String id,
    String agentId,
    String type,
    String priority,
    String time,
    RawJson data,
    String batchId,
    String received) {

  /** {@code event} of {@code batch}, received at {@code received}. */
  public static StoredEvent of(EventBatch batch, EventBatch.Event event, Instant received) {
    return new StoredEvent(
        event.id(),
        batch.agentId(),
        event.type().wireName(),
        event.priority().wireName(),
        event.time(),
        event.data(),
        batch.batchId(),
        received.toString());
  }
}
