package io.relayagent.server.admin;

import java.io.Serial;

/** The server refused an administrator's request; the message is the server's reason. */
public final class AdminException extends Exception {
  @Serial private static final long serialVersionUID = 1L;

  private final int status;

  public AdminException(int status, String message) {
    super(message + " (HTTP " + status + ")");
    this.status = status;
  }

  /** The HTTP status of the refusal: 401 for a wrong token, 404 for an unknown relay, ... */
  public int status() {
    return status;
  }
}
