package io.relayagent.agent.events;

import io.relayagent.files.AtomicFile;
import io.relayagent.files.DirectorySync;
import io.relayagent.files.FileAccess;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.TreeMap;

/**
 * The queue's directory: its file names, the lock that keeps a second process out (two writers
 * would interleave records), and durable renames and deletions (through {@link AtomicFile} and
 * {@link DirectorySync}).
 */
final class QueueDirectory implements Closeable {

  private static final String SEGMENT_PREFIX = "events-";
  private static final String SEGMENT_SUFFIX = ".log";
  private static final String TEMP_SUFFIX = ".tmp";

  private final Path path;
  private final FileChannel lockChannel;

  private QueueDirectory(Path path, FileChannel lockChannel) {
    this.path = path;
    this.lockChannel = lockChannel;
  }

  /** Creates the directory if needed and locks it for this process. */
  static QueueDirectory lock(Path dir) throws IOException {
    Files.createDirectories(dir);
    FileChannel channel =
        FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      channel.close();
      throw new IOException("event queue " + dir + " is already open (by this or another process)");
    }
    return new QueueDirectory(dir, channel);
  }

  Path path() {
    return path;
  }

  Path journal() {
    return path.resolve("state.log");
  }

  Path segment(long number) {
    return path.resolve(String.format("%s%019d%s", SEGMENT_PREFIX, number, SEGMENT_SUFFIX));
  }

  /** The segment files present, by number. */
  TreeMap<Long, Path> segments() throws IOException {
    TreeMap<Long, Path> found = new TreeMap<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(path, SEGMENT_PREFIX + "*")) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        String digits =
            name.endsWith(SEGMENT_SUFFIX)
                ? name.substring(SEGMENT_PREFIX.length(), name.length() - SEGMENT_SUFFIX.length())
                : "";
        if (digits.length() == 19 && digits.chars().allMatch(Character::isDigit)) {
          found.put(Long.parseLong(digits), file);
        }
      }
    }
    return found;
  }

  /** Removes what an interrupted atomic replacement left behind (of this or an older version). */
  void deleteTemporaries() throws IOException {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(path, "*" + TEMP_SUFFIX)) {
      for (Path file : files) {
        Files.deleteIfExists(file);
      }
    }
  }

  /** Replaces {@code target} with new content, durably and atomically. */
  void replace(Path target, AtomicFile.Content content) throws IOException {
    AtomicFile.replace(target, FileAccess.PRIVATE, content);
  }

  /** Makes created, renamed and deleted names durable. */
  void sync() throws IOException {
    DirectorySync.force(path);
  }

  @Override
  public void close() throws IOException {
    lockChannel.close();
  }
}
