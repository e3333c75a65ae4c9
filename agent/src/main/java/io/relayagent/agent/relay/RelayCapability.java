package io.relayagent.agent.relay;

import io.netty.channel.EventLoopGroup;
import io.relayagent.config.Policy;
import io.relayagent.sitelist.SiteLists;
import io.relayagent.trust.TrustMaterial;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relay capability as the policy says, live: started when the policy switches it on, stopped (open
 * tunnels drained for a bounded time) when it switches it off, restarted when its ports or limits
 * change, all without restarting the agent, as McAfee's service manager does.
 */
public final class RelayCapability implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RelayCapability.class);

  /** What the CLI shows about the relay part. */
  public record Status(
      boolean enabled,
      boolean running,
      int tunnelPort,
      int openTunnels,
      boolean upstreamReachable) {}

  private final TrustMaterial material;
  private final Supplier<SiteLists> siteLists;
  private final Path cacheDirectory;
  private final EventLoopGroup discoveryGroup;
  private final Duration drainGrace;
  private RelayRole running;
  private Policy runningPolicy;
  private boolean enabled;

  public RelayCapability(
      TrustMaterial material,
      Supplier<SiteLists> siteLists,
      Path cacheDirectory,
      EventLoopGroup discoveryGroup,
      Duration drainGrace) {
    this.material = material;
    this.siteLists = siteLists;
    this.cacheDirectory = cacheDirectory;
    this.discoveryGroup = discoveryGroup;
    this.drainGrace = drainGrace;
  }

  /** Brings the relay in line with {@code policy}. A failure to start is logged, not thrown. */
  public synchronized void apply(Policy policy) {
    enabled = policy.relayServer().enabled();
    if (running != null && (!enabled || !sameRelay(runningPolicy, policy))) {
      log.info(
          enabled
              ? "relay settings changed; restarting the relay"
              : "relay capability switched off by policy");
      running.stop(drainGrace);
      running = null;
      runningPolicy = null;
    }
    if (enabled && running == null) {
      try {
        running = RelayRole.start(policy, material, siteLists, cacheDirectory, discoveryGroup);
        runningPolicy = policy;
        log.info("relay capability switched on by policy");
      } catch (IOException | RuntimeException e) {
        log.error("cannot start the relay: {}", e.toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  public synchronized Status status() {
    if (running == null) {
      return new Status(enabled, false, 0, 0, false);
    }
    return new Status(
        enabled, true, running.tunnelPort(), running.openTunnels(), running.upstreamReachable());
  }

  @Override
  public synchronized void close() {
    if (running != null) {
      running.stop(drainGrace);
      running = null;
    }
  }

  /** Whether two policies run the same relay (ports, limits, cache, upstream proxy). */
  private static boolean sameRelay(Policy a, Policy b) {
    return Objects.equals(a.relayServer(), b.relayServer())
        && a.relayClient().discoveryPort() == b.relayClient().discoveryPort()
        && Objects.equals(a.relayClient().multicastGroup(), b.relayClient().multicastGroup())
        && Objects.equals(a.proxy(), b.proxy());
  }
}
