package io.relayagent.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces a file whole or not at all: the content goes to a temporary file in the same directory,
 * which is forced to disk and renamed over the target; then the directory is forced, so that the
 * rename survives a power cut too. A reader never sees half a file; a crash leaves the old file or
 * the new one, and perhaps a hidden temporary file ({@code .<name>.<random>.tmp}), which {@link
 * #targetOfTemporary} recognises for whoever cleans up a directory.
 *
 * <pre>{@code
 * AtomicFile.replace(dir.resolve("policy.xml"), xml, FileAccess.PRIVATE);
 * AtomicFile.create(dir.resolve("admin-token"), token, FileAccess.SECRET); // refuses to replace
 * }</pre>
 */
public final class AtomicFile {
  private static final Logger log = LoggerFactory.getLogger(AtomicFile.class);
  private static final String TEMP_SUFFIX = ".tmp";
  private static final Pattern TEMPORARY = Pattern.compile("\\.(.+)\\.[^.]+\\.tmp");

  /** Writes a file's whole content into a channel. */
  @FunctionalInterface
  public interface Content {
    void writeTo(WritableByteChannel channel) throws IOException;
  }

  private AtomicFile() {}

  /** Writes {@code content} to {@code target}, replacing the file if there is one. */
  public static void replace(Path target, byte[] content, FileAccess access) throws IOException {
    write(target, access, bytes(content), true);
  }

  /** Writes what {@code content} produces to {@code target}, replacing the file if there is one. */
  public static void replace(Path target, FileAccess access, Content content) throws IOException {
    write(target, access, content, true);
  }

  /**
   * Writes {@code content} to {@code target}, which must not exist yet.
   *
   * @throws FileAlreadyExistsException if it does; nothing is written then
   */
  public static void create(Path target, byte[] content, FileAccess access) throws IOException {
    write(target, access, bytes(content), false);
  }

  /**
   * Copies {@code source} to {@code target} whole or not at all, durably, with the source's
   * attributes: an owner-only key stays owner-only.
   */
  public static void copy(Path source, Path target) throws IOException {
    Path absolute = target.toAbsolutePath();
    Path temp = newTemporary(absolute, FileAccess.PRIVATE);
    try {
      Files.copy(
          source, temp, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      move(temp, absolute);
      DirectorySync.force(absolute.getParent());
    } finally {
      deleteQuietly(temp);
    }
  }

  /**
   * The name of the file that a temporary file of an interrupted replacement was meant to become,
   * or empty if {@code fileName} is not one.
   */
  public static Optional<String> targetOfTemporary(String fileName) {
    Matcher matcher = TEMPORARY.matcher(fileName);
    return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
  }

  private static void write(Path target, FileAccess access, Content content, boolean replace)
      throws IOException {
    Path absolute = target.toAbsolutePath();
    Path temp = newTemporary(absolute, access);
    try {
      access.apply(temp);
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        content.writeTo(channel);
        channel.force(true);
      }
      if (!replace && Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
        throw new FileAlreadyExistsException(absolute.toString());
      }
      move(temp, absolute);
      DirectorySync.force(absolute.getParent());
    } finally {
      deleteQuietly(temp);
    }
  }

  /** A new empty temporary file beside {@code target}, whose directory is made if missing. */
  private static Path newTemporary(Path target, FileAccess access) throws IOException {
    Path directory = Files.createDirectories(target.getParent());
    return Files.createTempFile(
        directory,
        "." + target.getFileName() + ".",
        TEMP_SUFFIX,
        access.newFileAttributes(directory));
  }

  private static Content bytes(byte[] content) {
    return channel -> {
      ByteBuffer buffer = ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
    };
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      // Some file systems (a few network ones) cannot rename atomically; a plain move is the best
      // they offer, and still never leaves the target half written.
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** After a successful move the temporary file is gone already; after a failure it must go. */
  private static void deleteQuietly(Path temp) {
    try {
      Files.deleteIfExists(temp);
    } catch (IOException e) {
      log.warn("cannot delete the temporary file {}: {}", temp, e.getMessage());
    }
  }
}
