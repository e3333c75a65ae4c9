package io.relayagent.files;

import java.io.IOException;
import java.io.Serial;
import java.nio.file.Path;

/**
 * A file whose bytes are not what was written (a flipped bit, a bad block, a cut): told apart from
 * a file that cannot be read, so that whoever finds it can count it as damage. The message names
 * the file.
 */
public final class DamagedFileException extends IOException {
  @Serial private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final String what;

  public DamagedFileException(Path file, String what) {
    super(file + ": damaged: " + what);
    this.file = file;
    this.what = what;
  }

  public Path file() {
    return file;
  }

  /** What is wrong with the file, without its name. */
  public String what() {
    return what;
  }
}
