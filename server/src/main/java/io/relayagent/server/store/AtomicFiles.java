package io.relayagent.server.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces small files whole or not at all: the content goes to a temporary file in the same
 * directory, is forced to disk, and is renamed over the target; then the directory itself is
 * forced, so the rename survives a power cut too. A reader never sees half a file, and a crash
 * leaves either the old file or the new one (and perhaps a {@code .tmp} file, which is harmless).
 */
public final class AtomicFiles {
  private static final Logger log = LoggerFactory.getLogger(AtomicFiles.class);
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private AtomicFiles() {}

  /** Writes {@code content} to {@code target}, replacing it. */
  public static void write(Path target, byte[] content) throws IOException {
    write(target, content, false, true);
  }

  /**
   * Writes a secret to {@code target}, readable by its owner only from the moment the temporary
   * file exists.
   *
   * @param replace whether an existing {@code target} may be replaced
   * @throws java.nio.file.FileAlreadyExistsException if it exists and {@code replace} is off
   */
  public static void writeSecret(Path target, byte[] content, boolean replace) throws IOException {
    write(target, content, true, replace);
  }

  /** Whether the file system knows POSIX permissions (where owner-only can be enforced). */
  public static boolean isPosix(Path file) {
    return file.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  /** Forces a directory's entries to disk; not every platform can, so failure is only logged. */
  public static void syncDirectory(Path directory) {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      log.debug("cannot force the directory {} to disk: {}", directory, e.getMessage());
    }
  }

  private static void write(Path target, byte[] content, boolean secret, boolean replace)
      throws IOException {
    Path absolute = target.toAbsolutePath();
    Path directory = absolute.getParent();
    Files.createDirectories(directory);
    FileAttribute<?>[] attributes =
        secret && isPosix(directory)
            ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
            : new FileAttribute<?>[0];
    Path temp =
        Files.createTempFile(directory, "." + absolute.getFileName() + ".", ".tmp", attributes);
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      if (!replace && Files.exists(absolute)) {
        throw new FileAlreadyExistsException(absolute.toString());
      }
      move(temp, absolute);
      syncDirectory(directory);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
