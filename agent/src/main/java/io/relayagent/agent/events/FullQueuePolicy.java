package io.relayagent.agent.events;

import io.relayagent.config.EventQueuePolicy;
import io.relayagent.protocol.agent.EventPriority;
import java.io.IOException;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the queue within its limits by dropping events: the oldest of the lowest priority first,
 * and never an event of higher priority than the one that needs the room (that one gives way
 * instead). Counts what it drops and reports it once per burst.
 */
final class FullQueuePolicy {

  private static final Logger log = LoggerFactory.getLogger(FullQueuePolicy.class);

  private final EventStore store;
  private final EventQueuePolicy limits;
  private final DropLog drops;
  private long dropped;

  FullQueuePolicy(EventStore store, EventQueuePolicy limits, Clock clock) {
    this.store = store;
    this.limits = limits;
    this.drops = new DropLog(clock);
  }

  /**
   * Makes room for one more event, dropping others if needed.
   *
   * @return false if the new event must give way itself (it is counted as dropped)
   * @throws EventTooLargeException if the event alone is over the queue's quota
   */
  boolean makeRoom(EventPriority priority, int frameBytes) throws IOException {
    if (frameBytes > limits.maxBytes()) {
      throw new EventTooLargeException(
          "an event of "
              + frameBytes
              + " bytes is larger than the event queue's whole quota ("
              + limits.maxMiB()
              + " MiB)");
    }
    List<QueuedEvent> victims =
        store.index().victims(priority, 1, frameBytes, limits.maxEvents(), limits.maxBytes());
    if (victims == null) {
      dropped++;
      drops.dropped(priority, 1);
      return false;
    }
    if (victims.isEmpty()) {
      drops.report();
    } else {
      drop(victims);
    }
    return true;
  }

  /** Drops what is over the limits now: at open, the limits may have shrunk since last run. */
  void trim() throws IOException {
    List<QueuedEvent> excess =
        store.index().victims(EventPriority.HIGH, 0, 0, limits.maxEvents(), limits.maxBytes());
    if (excess != null && !excess.isEmpty()) {
      drop(excess);
    }
  }

  /** Removes events whose records no longer read back intact; they count as dropped. */
  void lost(List<QueuedEvent> unreadable) throws IOException {
    log.error(
        "event queue: {} event record(s) no longer read back intact; removed", unreadable.size());
    store.removed(unreadable);
    dropped += unreadable.size();
  }

  private void drop(List<QueuedEvent> victims) throws IOException {
    store.removed(victims);
    dropped += victims.size();
    Map<EventPriority, Long> counts = new EnumMap<>(EventPriority.class);
    victims.forEach(event -> counts.merge(event.priority(), 1L, Long::sum));
    counts.forEach(drops::dropped);
  }

  /** Room was made by acknowledgement, or the queue closes: a burst of drops is over. */
  void burstOver() {
    drops.report();
  }

  long dropped() {
    return dropped;
  }
}
