package io.relayagent.mesh.discovery;

import java.io.Serial;

/**
 * A datagram that is not a well-formed discovery message. The {@link Reason} lets the receiver log
 * once per source and reason rather than once per packet.
 */
public final class MalformedPacketException extends Exception {
  @Serial private static final long serialVersionUID = 1L;

  /** Why a packet was dropped; one log line per source and reason. */
  public enum Reason {
    NOT_OURS,
    UNKNOWN_VERSION,
    UNKNOWN_TYPE,
    TRUNCATED,
    OVERSIZED,
    BAD_FIELD
  }

  private final Reason reason;

  public MalformedPacketException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
