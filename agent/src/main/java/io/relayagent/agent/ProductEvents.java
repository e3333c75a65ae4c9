package io.relayagent.agent;

import io.relayagent.agent.control.ControlRequest;
import io.relayagent.agent.events.DurableEventQueue;
import io.relayagent.protocol.ErrorReply;
import io.relayagent.protocol.agent.EventType;
import io.relayagent.protocol.control.ControlEvent;
import io.relayagent.protocol.control.ControlEventQueued;
import io.relayagent.protocol.json.MalformedJsonException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code event-send} on the control channel: an event from another product on the endpoint, queued
 * durably beside the agent's own and sent at the next ASCI. The answer comes only once the event is
 * on disk; an event the queue does not keep (past a limit, or giving way in a full queue) is an
 * error, so that a product never forgets an event the agent does not hold.
 */
final class ProductEvents {

  private static final Logger log = LoggerFactory.getLogger(ProductEvents.class);

  private final DurableEventQueue queue;

  ProductEvents(DurableEventQueue queue) {
    this.queue = queue;
  }

  /** A {@link ControlEventQueued}, or an {@link ErrorReply} saying why nothing was queued. */
  Object send(ControlRequest request) throws IOException {
    ControlEvent event;
    try {
      event = request.argument(ControlEvent.class);
    } catch (MalformedJsonException | IllegalArgumentException e) {
      return new ErrorReply("event refused: " + e.getMessage());
    }
    Optional<String> id;
    try {
      id =
          event.type() == EventType.SAMPLE
              ? queue.offerSample(sampleFile(event.file()), event.priority())
              : queue.offer(event.type(), event.priority(), event.data());
    } catch (IllegalArgumentException e) {
      // EventTooLargeException included: its message names the size and the limit.
      return new ErrorReply("event refused: " + e.getMessage());
    }
    if (id.isEmpty()) {
      return new ErrorReply(
          "event not queued: the event queue is full of events of this priority or higher");
    }
    log.debug("queued a {} event from the control channel: {}", event.type().wireName(), id.get());
    return new ControlEventQueued(id.get(), queue.depth());
  }

  private static Path sampleFile(String file) {
    Path path = Path.of(file);
    if (!path.isAbsolute()) {
      // The agent's working directory is not the caller's: a relative path would name another file.
      throw new IllegalArgumentException("the sample's path must be absolute: " + file);
    }
    return path;
  }
}
