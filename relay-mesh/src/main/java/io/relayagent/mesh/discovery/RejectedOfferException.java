package io.relayagent.mesh.discovery;

import java.io.Serial;

/** An offer that is well-formed but not trusted; the message says why, for the log. */
public final class RejectedOfferException extends Exception {
  @Serial private static final long serialVersionUID = 1L;

  public RejectedOfferException(String message) {
    super(message);
  }

  public RejectedOfferException(String message, Throwable cause) {
    super(message, cause);
  }
}
