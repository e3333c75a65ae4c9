package io.relayagent.agent.events;

import io.relayagent.protocol.agent.EventPriority;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The queued events in memory, by id and by priority in queueing order: what the next batch takes
 * (highest priority first, oldest first) and what a full queue drops (lowest priority first, oldest
 * first).
 */
final class QueueIndex {

  private final Map<UUID, QueuedEvent> byId = new HashMap<>();
  private final Map<EventPriority, NavigableMap<Long, QueuedEvent>> byPriority =
      new EnumMap<>(EventPriority.class);
  private long bytes;

  QueueIndex() {
    for (EventPriority priority : EventPriority.values()) {
      byPriority.put(priority, new TreeMap<>());
    }
  }

  /** Adds an event; false if one with its id is already queued. */
  boolean add(QueuedEvent event) {
    if (byId.putIfAbsent(event.id(), event) != null) {
      return false;
    }
    byPriority.get(event.priority()).put(event.seq(), event);
    bytes += event.frameBytes();
    return true;
  }

  QueuedEvent get(UUID id) {
    return byId.get(id);
  }

  /** Removes an event; null if it is not queued. */
  QueuedEvent remove(UUID id) {
    QueuedEvent event = byId.remove(id);
    if (event != null) {
      byPriority.get(event.priority()).remove(event.seq());
      bytes -= event.frameBytes();
    }
    return event;
  }

  int size() {
    return byId.size();
  }

  long bytes() {
    return bytes;
  }

  Collection<QueuedEvent> all() {
    return byId.values();
  }

  /**
   * The events the next batch carries: highest priority first, oldest first within a priority, up
   * to {@code maxEvents} and {@code maxBytes} (but always one, however large).
   */
  List<QueuedEvent> inSendingOrder(int maxEvents, long maxBytes) {
    List<QueuedEvent> chosen = new ArrayList<>();
    long chosenBytes = 0;
    for (EventPriority priority : EventPriority.values()) {
      for (QueuedEvent event : byPriority.get(priority).values()) {
        if (chosen.size() == maxEvents
            || (!chosen.isEmpty() && chosenBytes + event.frameBytes() > maxBytes)) {
          return chosen;
        }
        chosen.add(event);
        chosenBytes += event.frameBytes();
      }
    }
    return chosen;
  }

  /**
   * The events to drop so that the queue holds at most {@code maxEvents} and {@code maxBytes} once
   * {@code incomingEvents} events (0 or 1) of {@code incoming} priority and {@code incomingBytes}
   * are added: the oldest of the lowest priority first, and never one of a higher priority than the
   * incoming event's.
   *
   * @return the victims, or null if even dropping every allowed event would not make room (the
   *     incoming event must give way itself)
   */
  List<QueuedEvent> victims(
      EventPriority incoming,
      int incomingEvents,
      long incomingBytes,
      int maxEvents,
      long maxBytes) {
    List<QueuedEvent> victims = new ArrayList<>();
    long count = (long) byId.size() + incomingEvents;
    long total = bytes + incomingBytes;
    for (int p = EventPriority.values().length - 1; p >= 0; p--) {
      EventPriority priority = EventPriority.values()[p];
      // Only events of the incoming one's priority or lower give way (constants: highest first).
      if (priority.compareTo(incoming) < 0) {
        break;
      }
      for (QueuedEvent event : byPriority.get(priority).values()) {
        if (count <= maxEvents && total <= maxBytes) {
          return victims;
        }
        victims.add(event);
        count--;
        total -= event.frameBytes();
      }
    }
    return count <= maxEvents && total <= maxBytes ? victims : null;
  }
}
