package io.relayagent.mesh.client;

import java.io.IOException;
import java.io.Serial;

/**
 * A relay (or proxy) answered {@code CONNECT} with something other than 200: 403 (the server is not
 * in its SiteList), 502 (it cannot reach the server), 503 (it is full). The agent moves on to the
 * next relay.
 */
public final class RelayRefusedException extends IOException {
  @Serial private static final long serialVersionUID = 1L;

  private final int status;

  public RelayRefusedException(int status, String message) {
    super(message);
    this.status = status;
  }

  /** The HTTP status the relay answered with. */
  public int status() {
    return status;
  }
}
