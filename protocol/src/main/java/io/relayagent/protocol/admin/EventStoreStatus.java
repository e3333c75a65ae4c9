package io.relayagent.protocol.admin;

import io.relayagent.protocol.json.Fields;
import java.util.List;

/**
 * {@code GET /admin/v1/events}: how many events the server holds, and the offsets in its log of the
 * records found damaged when it started (skipped; each may have held an acknowledged event).
 */
public record EventStoreStatus(Long eventsStored, List<Long> damagedRecords) {

  public EventStoreStatus {
    eventsStored = Fields.required("eventsStored", eventsStored, "a number");
    damagedRecords = Fields.list("damagedRecords", damagedRecords);
  }
}
