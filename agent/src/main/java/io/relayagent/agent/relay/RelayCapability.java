package io.relayagent.agent.relay;

import io.netty.channel.EventLoopGroup;
import io.relayagent.config.DiscoveryAnswerPolicy;
import io.relayagent.config.Policy;
import io.relayagent.mesh.relay.Relay;
import io.relayagent.mesh.relay.RelaySettings;
import io.relayagent.protocol.control.RelayCapabilityStatus;
import io.relayagent.sitelist.SiteLists;
import io.relayagent.trust.Role;
import io.relayagent.trust.TrustSource;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relay capability as the policy says, live: a {@link Relay} started when the policy switches it
 * on, stopped (open tunnels drained for a bounded time) when it switches it off, restarted when its
 * {@link RelaySettings} change, all without restarting the agent, as McAfee's service manager does.
 * How the relay answers discovery under load is read live and never restarts it.
 *
 * <p>A local administrator can stop it on this one host while troubleshooting ({@link
 * #stopLocally}), as McAfee's {@code MfeServiceMgr} stops the relay service: it stays stopped,
 * whatever the policy says, until {@link #startLocally} or the agent restarts (the stop is not kept
 * on disk, so a forgotten stop ends with the next restart).
 */
public final class RelayCapability implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RelayCapability.class);

  private final TrustSource material;
  private boolean waitingLogged;
  private final Supplier<SiteLists> siteLists;
  private final Path cacheDirectory;
  private final EventLoopGroup discoveryGroup;
  private final Duration drainGrace;
  private final Clock clock;
  private Relay running;
  private RelaySettings runningSettings;
  private boolean enabled;
  private Policy policy;
  private Instant stoppedLocallyAt;
  private volatile DiscoveryAnswerPolicy discoveryAnswers;

  /**
   * @param material the agent's certificate and key, read live: relay capability starts once it
   *     holds a relay's certificate (an agent enrolled with a relay token, or renewed)
   * @param cacheDirectory where the relay keeps its content cache
   * @param discoveryGroup the event loop the relay's discovery responder shares with the agent
   * @param drainGrace how long open tunnels may go on when the relay stops or restarts
   */
  public RelayCapability(
      TrustSource material,
      Supplier<SiteLists> siteLists,
      Path cacheDirectory,
      EventLoopGroup discoveryGroup,
      Duration drainGrace,
      Clock clock) {
    this.material = material;
    this.siteLists = siteLists;
    this.cacheDirectory = cacheDirectory;
    this.discoveryGroup = discoveryGroup;
    this.drainGrace = drainGrace;
    this.clock = clock;
  }

  /** Brings the relay in line with {@code policy}. A failure to start is logged, not thrown. */
  public synchronized void apply(Policy policy) {
    this.policy = policy;
    enabled = policy.relayServer().enabled();
    // Read by the running relay at each discovery request: a change needs no restart.
    discoveryAnswers = policy.relayServer().discoveryAnswers();
    if (stoppedLocallyAt != null) {
      return;
    }
    RelaySettings settings = RelaySettings.of(policy);
    if (running != null && (!enabled || !settings.equals(runningSettings))) {
      log.info(
          enabled
              ? "relay settings changed; restarting the relay"
              : "relay capability switched off by policy");
      stopRunning();
    }
    if (enabled && running == null && !hasRelayCertificate()) {
      if (!waitingLogged) {
        log.warn(
            "relay capability is on in the policy, but this host has no relay certificate yet;"
                + " the relay starts when it has one");
        waitingLogged = true;
      }
      return;
    }
    if (enabled && running == null) {
      try {
        running =
            Relay.builder(policy, material, siteLists)
                .cacheDirectory(cacheDirectory)
                .discoveryGroup(discoveryGroup)
                .discoveryAnswers(() -> discoveryAnswers)
                .clock(clock)
                .start();
        runningSettings = settings;
        log.info("relay capability switched on by policy");
      } catch (IOException | RuntimeException e) {
        log.error("cannot start the relay: {}", e.toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Stops the relay (discovery responder and tunnel listeners close; open tunnels get the drain
   * grace) and keeps it stopped until {@link #startLocally} or the agent restarts.
   *
   * @return whether this call stopped it ({@code false}: it was stopped locally already)
   */
  public synchronized boolean stopLocally() {
    if (stoppedLocallyAt != null) {
      return false;
    }
    stoppedLocallyAt = clock.instant();
    log.warn(
        "relay capability stopped locally by an administrator; it stays stopped until"
            + " 'relay-agent relay-capability start' or the agent restarts");
    if (running != null) {
      stopRunning();
    }
    return true;
  }

  /**
   * Ends a local stop: the relay follows the policy again (it starts at once if the policy enables
   * it).
   *
   * @return whether it was stopped locally
   */
  public synchronized boolean startLocally() {
    if (stoppedLocallyAt == null) {
      return false;
    }
    stoppedLocallyAt = null;
    log.info("relay capability started locally by an administrator; it follows the policy again");
    if (policy != null) {
      apply(policy);
    }
    return true;
  }

  /** When a local administrator stopped relay capability; {@code null} when it is not stopped. */
  public synchronized Instant stoppedLocallyAt() {
    return stoppedLocallyAt;
  }

  /**
   * The host's trust changed: start the relay if a relay certificate has arrived, and close the
   * open tunnels of agents whose certificates are now revoked.
   */
  public synchronized void trustChanged(Policy policy) {
    if (running != null) {
      running.trustChanged();
    } else {
      apply(policy);
    }
  }

  private boolean hasRelayCertificate() {
    return material
        .current()
        .identity()
        .flatMap(identity -> Role.of(identity.certificate()))
        .filter(role -> role == Role.RELAY)
        .isPresent();
  }

  /** What {@code relay-agent status} shows about the relay part. */
  public synchronized RelayCapabilityStatus status() {
    if (running == null) {
      return new RelayCapabilityStatus(
          enabled,
          false,
          0,
          0,
          false,
          0,
          stoppedLocallyAt == null
              ? null
              : "stopped locally by an administrator at " + stoppedLocallyAt,
          null);
    }
    Relay.Status relay = running.status();
    return new RelayCapabilityStatus(
        enabled,
        true,
        relay.tunnelPort(),
        relay.openTunnels(),
        relay.upstreamReachable(),
        relay.cacheDamaged(),
        null,
        running.statistics());
  }

  @Override
  public synchronized void close() {
    if (running != null) {
      stopRunning();
    }
  }

  private void stopRunning() {
    running.stop(drainGrace);
    running = null;
    runningSettings = null;
  }
}
