package io.relayagent.mesh.upstream;

import io.relayagent.sitelist.HostPort;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells whether a relay can reach its upstream: every {@code interval} it opens a TCP connection to
 * the sites of its SiteList, in order, until one answers. A relay whose upstream is cut stops
 * answering discovery, so agents never pick a relay that would fail them.
 *
 * <p>Runs on its own daemon thread with blocking sockets and bounded timeouts, so name lookups and
 * slow connects never stall an event loop.
 */
public final class UpstreamProbe implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(UpstreamProbe.class);

  private final Supplier<List<HostPort>> sites;
  private final Duration connectTimeout;
  private final ScheduledExecutorService executor;
  private volatile boolean reachable;

  private UpstreamProbe(Supplier<List<HostPort>> sites, Duration connectTimeout) {
    this.sites = sites;
    this.connectTimeout = connectTimeout;
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "upstream-probe");
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Starts probing now and then every {@code interval}. */
  public static UpstreamProbe start(
      Supplier<List<HostPort>> sites, Duration interval, Duration connectTimeout) {
    UpstreamProbe probe = new UpstreamProbe(sites, connectTimeout);
    probe.executor.scheduleWithFixedDelay(
        probe::probeOnce, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    return probe;
  }

  /** Whether a site answered the last probe. */
  public boolean isReachable() {
    return reachable;
  }

  void probeOnce() {
    boolean now = sites.get().stream().anyMatch(this::answers);
    if (now != reachable) {
      log.info(
          now ? "upstream reachable again" : "no upstream site answers; not offering to relay");
    }
    reachable = now;
  }

  private boolean answers(HostPort site) {
    try (Socket socket = new Socket()) {
      socket.connect(
          new InetSocketAddress(site.host(), site.port()), (int) connectTimeout.toMillis());
      return true;
    } catch (IOException e) {
      log.debug("upstream {} does not answer: {}", site, e.toString());
      return false;
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
