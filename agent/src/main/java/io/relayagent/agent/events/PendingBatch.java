package io.relayagent.agent.events;

import java.util.Collections;
import java.util.List;
import java.util.UUID;

/** The batch in flight: the same id and events are sent until the server acknowledges it. */
record PendingBatch(UUID batchId, List<UUID> eventIds) {

  PendingBatch {
    eventIds = List.copyOf(eventIds);
  }

  /**
   * True once this batch must not be sent again: the server acknowledged it, or one of its events
   * left the queue (acknowledged in another batch, or dropped).
   */
  boolean closedBy(StateRecord record) {
    return (record.kind() == StateRecord.Kind.ACKED && batchId.equals(record.batchId()))
        || !Collections.disjoint(eventIds, record.eventIds());
  }
}
