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
  private final String reason;

  public RelayRefusedException(int status, String message) {
    this(status, "", message);
  }

  /**
   * @param reason the relay's own words, from the refusal's body ("" if it gave none)
   */
  public RelayRefusedException(int status, String reason, String message) {
    super(message);
    this.status = status;
    this.reason = reason == null ? "" : reason;
  }

  /** The HTTP status the relay answered with; -1 if the answer had no status line. */
  public int status() {
    return status;
  }

  /** Why, in the relay's words ("connection refused by epo:443"); "" if it said nothing. */
  public String reason() {
    return reason;
  }
}
