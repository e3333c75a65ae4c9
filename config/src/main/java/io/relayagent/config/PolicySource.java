package io.relayagent.config;

import io.relayagent.files.FileWatcher;
import io.relayagent.xml.XmlFileException;
import io.relayagent.xml.XmlProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The policy in force, read from a file and re-read whenever the file changes (see {@link
 * FileWatcher}: rename-saves, debouncing, a periodic re-check as a fallback).
 *
 * <ul>
 *   <li>Each new valid policy that differs from the one in force is handed to every listener, on
 *       the watcher's thread (or the caller's, for {@link #start()} and {@link #reload()}), in the
 *       order they changed. Saving the same content again notifies no one.
 *   <li>A bad edit changes nothing: every problem is logged, {@link #lastProblems()} lists them,
 *       and {@link #current()} keeps returning the last good policy until the file is fixed.
 *   <li>If the file does not exist, or is invalid, when the source starts, the policy in force is
 *       {@link Policy#defaults()} (logged), so that an agent with a broken file still runs and can
 *       fetch a good policy. A file removed later leaves the policy in force unchanged.
 * </ul>
 *
 * <pre>{@code
 * try (PolicySource source = new PolicySource(Path.of("/etc/relay-agent/policy.xml"))) {
 *   source.addListener(policy -> relay.apply(policy.relayServer()));
 *   source.start();
 *   ...
 * }
 * }</pre>
 */
public final class PolicySource implements AutoCloseable {
  public static final Duration DEFAULT_DEBOUNCE = Duration.ofMillis(200);
  public static final Duration DEFAULT_RECHECK_INTERVAL = Duration.ofSeconds(30);

  private static final Logger log = LoggerFactory.getLogger(PolicySource.class);

  private final Path file;
  private final FileWatcher watcher;
  private final List<Consumer<Policy>> listeners = new CopyOnWriteArrayList<>();
  private volatile Policy current = Policy.defaults();
  private volatile List<XmlProblem> lastProblems = List.of();

  public PolicySource(Path file) {
    this(file, DEFAULT_DEBOUNCE, DEFAULT_RECHECK_INTERVAL);
  }

  /**
   * @param debounce how long the file must stay unchanged before it is read
   * @param recheckInterval how often the file is compared even without a change event
   */
  public PolicySource(Path file, Duration debounce, Duration recheckInterval) {
    this.file = Objects.requireNonNull(file, "file");
    this.watcher = new FileWatcher(file, debounce, recheckInterval, "policy-watch", this::reload);
  }

  /** Adds a listener for later changes; add listeners before {@link #start()} to miss none. */
  public void addListener(Consumer<Policy> listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Starts watching the file, then reads it. Listeners added before see its policy if it differs
   * from the defaults.
   */
  public synchronized void start() {
    // Watch first, so that a change made just after the first read is not missed.
    watcher.start();
    if (Files.notExists(file)) {
      log.info("policy file {} does not exist; the default policy is in force", file);
    } else {
      reload();
    }
  }

  /** The policy in force: the last valid one read, or the defaults if none was. */
  public Policy current() {
    return current;
  }

  /** The problems of the last read; empty if it succeeded. */
  public List<XmlProblem> lastProblems() {
    return lastProblems;
  }

  /** Reads the file now (it changed, or an administrator asked), and applies it if it is good. */
  public synchronized void reload() {
    Policy policy;
    try {
      policy = PolicyReader.read(file);
    } catch (XmlFileException e) {
      lastProblems = e.problems();
      log.error(
          "policy file {} is not valid; the policy in force is unchanged. {} problem(s):",
          file,
          e.problems().size());
      e.problems().forEach(problem -> log.error("{}", problem));
      return;
    }
    lastProblems = List.of();
    if (policy.equals(current)) {
      log.debug("policy file {} read; nothing changed", file);
      return;
    }
    current = policy;
    log.info("policy file {} read; the new policy is in force", file);
    for (Consumer<Policy> listener : listeners) {
      try {
        listener.accept(policy);
      } catch (RuntimeException e) {
        log.error("a policy listener failed; the others still get the new policy", e);
      }
    }
  }

  @Override
  public void close() {
    watcher.close();
  }
}
