package io.relayagent.agent.control;

import java.nio.file.Path;

/** Where the running agent's control socket is: {@code STATE_DIR/control.sock}. */
public final class ControlSocket {
  /** Requests are one short line; answers at most this large. */
  static final int MAX_REQUEST_BYTES = 256;

  static final int MAX_ANSWER_BYTES = 1 << 20;

  private ControlSocket() {}

  public static Path path(Path stateDirectory) {
    return stateDirectory.resolve("control.sock");
  }
}
