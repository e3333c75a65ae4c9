package io.relayagent.xml;

import io.relayagent.files.FileVersion;
import io.relayagent.files.FileWatcher;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An XML file an administrator (or the agent, for the server's copy) edits while the process runs,
 * followed live: the one home of "watch the file, read it when it changes, keep the last good
 * version". The policy ({@code PolicySource}) and the SiteList ({@code SiteListSource}) are both
 * followed through it.
 *
 * <ul>
 *   <li>The file is watched with a {@link FileWatcher} (rename-saves, debouncing, a periodic
 *       re-check as a fallback); a change is read on the watcher's thread.
 *   <li>A valid version that differs from the one in force is put in force and handed to every
 *       listener, in the order they were added.
 *   <li>A bad edit, or a file removed, changes nothing: every problem is logged as {@code
 *       FILE:LINE:COLUMN: message}, {@link #lastProblems()} lists them, and {@link #current()}
 *       keeps returning the last good version until the file is fixed.
 * </ul>
 *
 * <pre>{@code
 * LiveXmlFile<SiteLists> live =
 *     new LiveXmlFile<>("SiteList", file, SiteListReader::read, null, debounce, recheck);
 * live.watch();
 * live.load(); // the first read: a bad file is the caller's error
 * SiteLists now = live.current();
 * }</pre>
 *
 * @param <T> what the file says, as its reader returns it
 */
public final class LiveXmlFile<T> implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LiveXmlFile.class);

  /** Reads and checks the file, as the readers of the sitelist and config modules do. */
  @FunctionalInterface
  public interface Reader<T> {
    T read(Path file) throws XmlFileException;
  }

  private final String noun;
  private final Path file;
  private final Reader<T> reader;
  private final FileWatcher watcher;
  private final List<Consumer<T>> listeners = new CopyOnWriteArrayList<>();
  private volatile T current;
  private volatile List<XmlProblem> lastProblems = List.of();
  private FileVersion lastRead;

  /**
   * @param noun what the file is, for the log: "policy", "SiteList"
   * @param initial what is in force until a first good read (may be null)
   * @param debounce how long the file must stay unchanged before it is read
   * @param recheck how often the file is compared even without a change event
   */
  public LiveXmlFile(
      String noun, Path file, Reader<T> reader, T initial, Duration debounce, Duration recheck) {
    this.noun = Objects.requireNonNull(noun, "noun");
    this.file = Objects.requireNonNull(file, "file");
    this.reader = Objects.requireNonNull(reader, "reader");
    this.current = initial;
    this.watcher =
        new FileWatcher(
            file, debounce, recheck, noun.toLowerCase(Locale.ROOT) + "-watch", this::changedOnDisk);
  }

  /** The file followed. */
  public Path file() {
    return file;
  }

  /** Adds a listener for later changes; add listeners before the first read to miss none. */
  public void addListener(Consumer<T> listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Starts watching. Call it before the first read, so that a change made just after that read is
   * not missed.
   */
  public void watch() {
    watcher.start();
  }

  /** What is in force: the last valid version read, or the initial value if none was. */
  public T current() {
    return current;
  }

  /** The problems of the last read; empty if it succeeded. */
  public List<XmlProblem> lastProblems() {
    return lastProblems;
  }

  /**
   * Reads the file now and puts it in force.
   *
   * @throws XmlFileException if it is not valid: nothing changes, and nothing is logged (the caller
   *     says what it means, as at start, where a bad file is fatal)
   */
  public T load() throws XmlFileException {
    T value;
    synchronized (this) {
      lastRead = versionNow();
      try {
        value = reader.read(file);
      } catch (XmlFileException e) {
        lastProblems = e.problems();
        throw e;
      }
      lastProblems = List.of();
      if (Objects.equals(value, current)) {
        log.debug("{} file {} read; nothing changed", noun, file);
        return value;
      }
      current = value;
    }
    log.info("{} file {} read; the new {} is in force", noun, file, noun);
    for (Consumer<T> listener : listeners) {
      try {
        listener.accept(value);
      } catch (RuntimeException e) {
        log.error("a {} listener failed; the others still get the new {}", noun, noun, e);
      }
    }
    return value;
  }

  /**
   * Reads the file now (it changed, or it was just replaced) and puts it in force if it is good; a
   * bad file is logged, problem by problem, and the version in force stays.
   *
   * @return whether the file was valid
   */
  public boolean reload() {
    try {
      load();
      return true;
    } catch (XmlFileException e) {
      log.error(
          "{} file {} is not valid; the {} in force is unchanged. {} problem(s):",
          noun,
          file,
          noun,
          e.problems().size());
      e.problems().forEach(problem -> log.error("{}", problem));
      return false;
    }
  }

  @Override
  public void close() {
    watcher.close();
  }

  /** The watcher's call: read unless this very version was read already (by {@link #load}). */
  private void changedOnDisk() {
    synchronized (this) {
      FileVersion now = versionNow();
      if (now != null && now.equals(lastRead)) {
        return;
      }
    }
    reload();
  }

  private FileVersion versionNow() {
    try {
      return FileVersion.of(file);
    } catch (IOException unreadable) {
      return null;
    }
  }
}
