package io.relayagent.agent.events;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Produces the batch to send: the one in flight, read back from disk once and then kept, or a new
 * one, journaled before it is returned so that a restart sends the same batch again.
 */
final class BatchReader {

  /** Takes events whose records no longer read back intact out of the queue. */
  interface LostEvents {
    void lost(List<QueuedEvent> unreadable) throws IOException;
  }

  private final EventStore store;
  private final LostEvents lostEvents;
  private Batch inFlight;

  BatchReader(EventStore store, LostEvents lostEvents) {
    this.store = store;
    this.lostEvents = lostEvents;
  }

  Optional<Batch> next(int maxEvents, long maxBytes) throws IOException {
    PendingBatch pending = store.pending();
    if (pending == null) {
      inFlight = null;
    } else if (inFlight == null || !inFlight.batchId().equals(pending.batchId().toString())) {
      inFlight = readPending(pending);
    }
    while (inFlight == null) {
      List<QueuedEvent> chosen = store.index().inSendingOrder(maxEvents, maxBytes);
      if (chosen.isEmpty()) {
        return Optional.empty();
      }
      List<Event> events = readAll(chosen);
      if (events != null) {
        UUID batchId = UUID.randomUUID();
        List<UUID> ids = new ArrayList<>();
        chosen.forEach(event -> ids.add(event.id()));
        store.batchFormed(batchId, ids);
        inFlight = new Batch(batchId.toString(), events);
      }
    }
    return Optional.of(inFlight);
  }

  /** The batch in flight as it was sent before (a restart); null if it cannot be rebuilt. */
  private Batch readPending(PendingBatch pending) throws IOException {
    List<QueuedEvent> queued = new ArrayList<>();
    for (UUID id : pending.eventIds()) {
      QueuedEvent event = store.index().get(id);
      if (event == null) {
        return null;
      }
      queued.add(event);
    }
    List<Event> events = readAll(queued);
    return events == null ? null : new Batch(pending.batchId().toString(), events);
  }

  /** The events, or null if some were unreadable (they are then out of the queue). */
  private List<Event> readAll(List<QueuedEvent> queued) throws IOException {
    List<Event> events = new ArrayList<>(queued.size());
    List<QueuedEvent> unreadable = new ArrayList<>();
    for (QueuedEvent event : queued) {
      Event read = store.read(event);
      if (read == null) {
        unreadable.add(event);
      } else {
        events.add(read);
      }
    }
    if (unreadable.isEmpty()) {
      return events;
    }
    lostEvents.lost(unreadable);
    return null;
  }
}
