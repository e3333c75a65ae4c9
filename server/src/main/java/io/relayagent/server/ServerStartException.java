package io.relayagent.server;

import java.io.Serial;

/** The server could not start; the message says why in words an administrator can act on. */
public final class ServerStartException extends Exception {
  @Serial private static final long serialVersionUID = 1L;

  public ServerStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
