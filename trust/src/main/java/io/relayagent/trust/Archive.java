package io.relayagent.trust;

import io.relayagent.files.AtomicFile;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Keeps a CA directory's files as they were before a renewal in {@code previous/}: the old
 * certificates still serve hosts not yet updated, and the old root's key can still revoke them.
 * Copies keep their owner-only permissions, and are on disk before the renewal replaces the
 * originals.
 */
final class Archive {
  private Archive() {}

  /** Replaces {@code previous/} (an older archive) with copies of the directory's files. */
  static void replacePrevious(CaDirectory ca) throws TrustFileException {
    Path previous = ca.previous();
    try {
      if (Files.isDirectory(previous, LinkOption.NOFOLLOW_LINKS)) {
        try (DirectoryStream<Path> old = Files.newDirectoryStream(previous)) {
          for (Path file : old) {
            Files.delete(file);
          }
        }
      }
      Files.createDirectories(previous);
      try (DirectoryStream<Path> files = Files.newDirectoryStream(ca.dir())) {
        for (Path file : files) {
          boolean hidden = file.getFileName().toString().startsWith(".");
          if (!hidden && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            AtomicFile.copy(file, previous.resolve(file.getFileName()));
          }
        }
      }
    } catch (IOException e) {
      throw new TrustFileException(previous, "cannot archive the current files: " + e, e);
    }
  }
}
