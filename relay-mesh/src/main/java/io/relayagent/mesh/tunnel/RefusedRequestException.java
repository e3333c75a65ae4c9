package io.relayagent.mesh.tunnel;

/** A request the listener refuses; the message is the reason the client and the log are given. */
final class RefusedRequestException extends Exception {

  private static final long serialVersionUID = 1L;

  RefusedRequestException(String reason) {
    super(reason, null, false, false);
  }
}
