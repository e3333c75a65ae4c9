package io.relayagent.sitelist;

import io.relayagent.xml.LiveXmlFile;
import io.relayagent.xml.XmlFileException;
import io.relayagent.xml.XmlProblem;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The SiteList in force, read from SiteList.xml and re-read whenever the file changes, as the
 * policy is ({@link LiveXmlFile}): an administrator's edit on a relay takes effect at once, for the
 * next CONNECT, the next upstream probe and the next content fetch, without a restart and without
 * waiting for the next ASCI.
 *
 * <p>Unlike the policy, which has defaults, a host cannot run without a SiteList: {@link #start()}
 * fails if the file is not valid. After that a bad edit changes nothing: its problems are logged as
 * {@code FILE:LINE:COLUMN: message}, and the last good SiteList stays in force.
 *
 * <pre>{@code
 * SiteListSource siteList = new SiteListSource(Path.of("/etc/relay-agent/SiteList.xml"));
 * siteList.start();                       // throws XmlFileException for a bad file
 * Relay.builder(policy, trust, siteList::current);
 * }</pre>
 */
public final class SiteListSource implements AutoCloseable {
  public static final Duration DEFAULT_DEBOUNCE = Duration.ofMillis(200);
  public static final Duration DEFAULT_RECHECK_INTERVAL = Duration.ofSeconds(30);

  private final LiveXmlFile<SiteLists> live;

  public SiteListSource(Path file) {
    this(file, DEFAULT_DEBOUNCE, DEFAULT_RECHECK_INTERVAL);
  }

  /**
   * @param debounce how long the file must stay unchanged before it is read
   * @param recheckInterval how often the file is compared even without a change event
   */
  public SiteListSource(Path file, Duration debounce, Duration recheckInterval) {
    this.live =
        new LiveXmlFile<>("SiteList", file, SiteListReader::read, null, debounce, recheckInterval);
  }

  /**
   * Starts watching the file, then reads it.
   *
   * @throws XmlFileException if the file is missing or not valid; nothing is left running
   */
  public void start() throws XmlFileException {
    live.watch();
    try {
      live.load();
    } catch (XmlFileException e) {
      live.close();
      throw e;
    }
  }

  /** The SiteList in force: the last valid one read. */
  public SiteLists current() {
    return live.current();
  }

  /** The problems of the last read; empty if it succeeded. */
  public List<XmlProblem> lastProblems() {
    return live.lastProblems();
  }

  /**
   * Reads the file now (the agent has just written the server's copy) and puts it in force if it is
   * good; otherwise logs why and keeps the SiteList in force.
   *
   * @return whether the file was valid
   */
  public boolean reload() {
    return live.reload();
  }

  @Override
  public void close() {
    live.close();
  }
}
