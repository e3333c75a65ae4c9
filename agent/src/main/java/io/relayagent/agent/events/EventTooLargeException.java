package io.relayagent.agent.events;

import java.io.Serial;

/** An event, or a sample file, that is larger than the queue accepts; nothing was queued. */
public final class EventTooLargeException extends IllegalArgumentException {
  @Serial private static final long serialVersionUID = 1L;

  EventTooLargeException(String message) {
    super(message);
  }
}
