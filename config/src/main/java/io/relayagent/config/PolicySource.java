package io.relayagent.config;

import io.relayagent.files.FileWatcher;
import io.relayagent.xml.LiveXmlFile;
import io.relayagent.xml.XmlProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The policy in force, read from a file and re-read whenever the file changes (a {@link
 * LiveXmlFile}, which the SiteList follows too; see {@link FileWatcher}: rename-saves, debouncing,
 * a periodic re-check as a fallback).
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

  private final LiveXmlFile<Policy> live;

  public PolicySource(Path file) {
    this(file, DEFAULT_DEBOUNCE, DEFAULT_RECHECK_INTERVAL);
  }

  /**
   * @param debounce how long the file must stay unchanged before it is read
   * @param recheckInterval how often the file is compared even without a change event
   */
  public PolicySource(Path file, Duration debounce, Duration recheckInterval) {
    this.live =
        new LiveXmlFile<>(
            "policy", file, PolicyReader::read, Policy.defaults(), debounce, recheckInterval);
  }

  /** Adds a listener for later changes; add listeners before {@link #start()} to miss none. */
  public void addListener(Consumer<Policy> listener) {
    live.addListener(listener);
  }

  /**
   * Starts watching the file, then reads it. Listeners added before see its policy if it differs
   * from the defaults.
   */
  public synchronized void start() {
    live.watch();
    if (Files.notExists(live.file())) {
      log.info("policy file {} does not exist; the default policy is in force", live.file());
    } else {
      live.reload();
    }
  }

  /** The policy in force: the last valid one read, or the defaults if none was. */
  public Policy current() {
    return live.current();
  }

  /** The problems of the last read; empty if it succeeded. */
  public List<XmlProblem> lastProblems() {
    return live.lastProblems();
  }

  /** Reads the file now (it changed, or an administrator asked), and applies it if it is good. */
  public void reload() {
    live.reload();
  }

  @Override
  public void close() {
    live.close();
  }
}
