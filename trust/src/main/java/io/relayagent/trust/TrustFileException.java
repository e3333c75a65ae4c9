package io.relayagent.trust;

import java.io.Serial;
import java.nio.file.Path;

/**
 * A key, certificate, CRL or password file that cannot be read, written or used. The message starts
 * with the file, {@code /etc/relay-agent/agent-key.pem: no private key in the file}, so an
 * administrator knows which file to fix.
 */
public final class TrustFileException extends Exception {
  @Serial private static final long serialVersionUID = 1L;

  private final transient Path file;

  public TrustFileException(Path file, String problem) {
    super(file + ": " + problem);
    this.file = file;
  }

  public TrustFileException(Path file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
    this.file = file;
  }

  /** The file at fault. */
  public Path file() {
    return file;
  }
}
