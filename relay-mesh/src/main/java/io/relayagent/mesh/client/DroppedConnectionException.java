package io.relayagent.mesh.client;

import java.io.IOException;
import java.io.Serial;

/**
 * The peer closed the connection before the exchange was over: during {@code CONNECT}, before a
 * response, or half-way through a body. A relay that does this is dropped for the next one.
 */
public final class DroppedConnectionException extends IOException {
  @Serial private static final long serialVersionUID = 1L;

  public DroppedConnectionException(String message) {
    super(message);
  }
}
