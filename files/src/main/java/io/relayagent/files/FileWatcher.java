package io.relayagent.files;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Path;
import java.time.Duration;
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
 * symbolic link swapped, an overflow, a directory made after the start), the file's {@link
 * FileVersion} is also compared at every re-check interval. The thread blocks between events; it
 * never spins.
 *
 * <pre>{@code
 * try (FileWatcher watcher =
 *     new FileWatcher(file, Duration.ofMillis(200), Duration.ofSeconds(30), "policy-watch", reload)) {
 *   watcher.start();
 *   ...
 * }
 * }</pre>
 */
public final class FileWatcher implements AutoCloseable {
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
  private FileVersion lastSeen;

  /**
   * @param debounce how long the file must stay unchanged before {@code onChange} is called
   * @param recheck how often the file is compared even without a change event
   * @param threadName the watcher thread's name is this and the file's name
   * @param onChange called on the watcher's thread after each change
   */
  public FileWatcher(
      Path file, Duration debounce, Duration recheck, String threadName, Runnable onChange) {
    if (debounce.isNegative() || recheck.isNegative() || recheck.isZero()) {
      throw new IllegalArgumentException("debounce and recheck interval must be positive");
    }
    this.file = file.toAbsolutePath();
    this.debounce = debounce;
    this.recheck = recheck;
    this.onChange = Objects.requireNonNull(onChange, "onChange");
    this.watch = new DirectoryWatch(this.file);
    this.thread = new Thread(this::run, threadName + " " + this.file.getFileName());
    this.thread.setDaemon(true);
  }

  /** Starts watching; the file as it is now is what later changes are compared to. */
  public void start() {
    watch.ensureRegistered();
    lastSeen = versionNow();
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
      // Monotonic time: a wall clock set back must not postpone the re-check.
      long nextCheck = System.nanoTime() + recheck.toNanos();
      while (running) {
        if (watch.awaitFileEvent(recheck)) {
          quietDown();
          changed();
        } else if (System.nanoTime() - nextCheck >= 0) {
          nextCheck = System.nanoTime() + recheck.toNanos();
          watch.ensureRegistered();
          if (!Objects.equals(lastSeen, versionNow())) {
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
    lastSeen = versionNow();
    try {
      onChange.run();
    } catch (RuntimeException e) {
      log.error("handling a change of {} failed", file, e);
    }
  }

  /**
   * The file's version; null if it is absent or cannot be read, which a later check tells apart.
   */
  private FileVersion versionNow() {
    try {
      return FileVersion.of(file);
    } catch (IOException unreadable) {
      return null;
    }
  }
}
