package io.relayagent.trust;

import io.relayagent.files.AtomicFile;
import io.relayagent.files.FileAccess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

/**
 * Writes key and certificate files whole or not at all ({@link AtomicFile}): a reader never sees
 * half a key, and a crash never leaves one behind. Private keys are readable by their owner only
 * ({@link FileAccess#SECRET}) from the moment the temporary file exists; certificates, which are
 * public anyway, by all. Failures become {@link TrustFileException}s that name the file.
 */
final class SecureFiles {

  private SecureFiles() {}

  /** Refuses, before anything is written, if any target exists and {@code force} is off. */
  static void checkCanWrite(Collection<Path> targets, boolean force) throws TrustFileException {
    if (force) {
      return;
    }
    for (Path target : targets) {
      if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        throw new TrustFileException(target, "exists; use --force to replace it");
      }
    }
  }

  /** Writes {@code content} to {@code target}; {@code secret} files are owner-only. */
  static void write(Path target, byte[] content, boolean secret, boolean force)
      throws TrustFileException {
    checkCanWrite(List.of(target), force);
    try {
      AtomicFile.replace(target, content, secret ? FileAccess.SECRET : FileAccess.PUBLIC);
    } catch (IOException e) {
      throw new TrustFileException(target, "cannot be written: " + e.getMessage(), e);
    }
  }
}
