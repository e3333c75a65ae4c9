package io.relayagent.protocol.control;

import io.relayagent.protocol.json.Fields;

/**
 * The answer to {@code event-send}: the event is on disk in the agent's queue (forced to disk
 * before this answer was written) and is sent at the next ASCI.
 *
 * @param id the event's id, which the server stores it under
 * @param queueDepth events queued now, this one included
 */
public record ControlEventQueued(String id, long queueDepth) {

  public ControlEventQueued {
    id = Fields.uuid("id", id);
  }
}
