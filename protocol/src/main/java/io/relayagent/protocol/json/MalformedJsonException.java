package io.relayagent.protocol.json;

import java.io.IOException;
import java.io.Serial;

/**
 * JSON that is not what it must be: malformed, over a limit, or a member missing or wrong. The
 * message names the member where there is one ({@code events[3].priority: must be one of high, low,
 * normal}), else the line and column; it is meant for the sender's log.
 */
public final class MalformedJsonException extends IOException {
  @Serial private static final long serialVersionUID = 1L;

  public MalformedJsonException(String message) {
    super(message);
  }

  public MalformedJsonException(String message, Throwable cause) {
    super(message, cause);
  }
}
