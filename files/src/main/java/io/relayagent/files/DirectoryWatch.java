package io.relayagent.files;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The change events of one file, taken from a watch on its directory. The directory may not exist
 * yet, or may go away; then there are no events, and {@link #ensureRegistered()} tries again.
 */
final class DirectoryWatch implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DirectoryWatch.class);

  private final Path file;
  private volatile WatchService service;

  /**
   * @param file an absolute path
   */
  DirectoryWatch(Path file) {
    this.file = file;
  }

  /** Watches the directory if it is not watched yet; true if it is watched now. */
  boolean ensureRegistered() {
    if (service != null) {
      return true;
    }
    Path directory = file.getParent();
    try {
      WatchService newService = directory.getFileSystem().newWatchService();
      directory.register(
          newService,
          StandardWatchEventKinds.ENTRY_CREATE,
          StandardWatchEventKinds.ENTRY_MODIFY,
          StandardWatchEventKinds.ENTRY_DELETE);
      service = newService;
      return true;
    } catch (NoSuchFileException e) {
      log.debug("{} does not exist (yet)", directory);
    } catch (IOException e) {
      log.warn("cannot watch {} ({}); relying on periodic checks", directory, e.toString());
    }
    return false;
  }

  /**
   * Waits up to {@code timeout} for events of the directory; true if one may concern the file (an
   * overflow may). Without a watch it just waits.
   */
  boolean awaitFileEvent(Duration timeout) throws InterruptedException {
    WatchService current = service;
    if (current == null) {
      Thread.sleep(timeout.toMillis());
      return false;
    }
    WatchKey key = current.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (key == null) {
      return false;
    }
    boolean concernsFile = false;
    for (WatchEvent<?> event : key.pollEvents()) {
      concernsFile |=
          event.kind() == StandardWatchEventKinds.OVERFLOW
              || file.getFileName().equals(event.context());
    }
    if (!key.reset()) {
      // The directory is gone; ensureRegistered() watches it again once it is back.
      close();
    }
    return concernsFile;
  }

  @Override
  public void close() {
    WatchService current = service;
    service = null;
    if (current != null) {
      try {
        current.close();
      } catch (IOException e) {
        log.debug("closing the watch of {}", file.getParent(), e);
      }
    }
  }
}
