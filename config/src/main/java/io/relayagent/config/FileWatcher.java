package io.relayagent.config;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls back when one file changes, on its own daemon thread.
 *
 * <p>It watches the file's directory, not the file (see {@link DirectoryWatch}): editors and
 * configuration tools save by writing a new file and renaming it over the old one, which a watch on
 * the old file would miss. A burst of events (write, rename) becomes one call once the file has
 * been quiet for the debounce time. Since watch services can miss changes (network file systems, a
 * symbolic link swapped, an overflow), the file's time, size and identity are also compared at
 * every re-check interval. The thread blocks between events; it never spins.
 */
final class FileWatcher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FileWatcher.class);

  /** However often the file is touched, a change is acted on within this many debounce times. */
  private static final int MAX_DEBOUNCE_PERIODS = 10;

  private final Path file;
  private final Duration debounce;
  private final Duration recheck;
  private final Runnable onChange;
  private final DirectoryWatch watch;
  private final Thread thread;
  private volatile boolean running = true;
  private FileState lastSeen;

  FileWatcher(Path file, Duration debounce, Duration recheck, Runnable onChange) {
    this.file = file.toAbsolutePath();
    this.debounce = debounce;
    this.recheck = recheck;
    this.onChange = onChange;
    this.watch = new DirectoryWatch(this.file);
    this.thread = new Thread(this::run, "policy-watch " + this.file.getFileName());
    this.thread.setDaemon(true);
  }

  /** Starts watching; the file as it is now is what later changes are compared to. */
  void start() {
    watch.ensureRegistered();
    lastSeen = FileState.of(file);
    thread.start();
  }

  @Override
  public void close() {
    running = false;
    watch.close();
    thread.interrupt();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    try {
      Instant nextCheck = Instant.now().plus(recheck);
      while (running) {
        if (watch.awaitFileEvent(recheck)) {
          quietDown();
          changed();
        } else if (!Instant.now().isBefore(nextCheck)) {
          nextCheck = Instant.now().plus(recheck);
          watch.ensureRegistered();
          if (!Objects.equals(lastSeen, FileState.of(file))) {
            changed();
          }
        }
      }
    } catch (InterruptedException | ClosedWatchServiceException stopped) {
      // close() was called.
    } catch (RuntimeException e) {
      log.error("watching {} failed; changes are no longer picked up", file, e);
    }
  }

  /** Waits until the file has had no event for the debounce time (or the longest wait is over). */
  private void quietDown() throws InterruptedException {
    for (int period = 1; period < MAX_DEBOUNCE_PERIODS; period++) {
      if (!watch.awaitFileEvent(debounce)) {
        return;
      }
    }
  }

  private void changed() {
    // Taken before reading, so that a change made while reading is seen at the next check.
    lastSeen = FileState.of(file);
    try {
      onChange.run();
    } catch (RuntimeException e) {
      log.error("handling a change of {} failed", file, e);
    }
  }

  /** What tells one version of the file from another without reading it; null if absent. */
  private record FileState(FileTime modified, long size, Object fileKey) {
    static FileState of(Path file) {
      try {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        return new FileState(
            attributes.lastModifiedTime(), attributes.size(), attributes.fileKey());
      } catch (IOException absent) {
        return null;
      }
    }
  }
}
