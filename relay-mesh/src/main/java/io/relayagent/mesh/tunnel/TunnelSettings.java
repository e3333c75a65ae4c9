package io.relayagent.mesh.tunnel;

import io.relayagent.config.PlainProxyPolicy;
import io.relayagent.config.ProxyPolicy;
import io.relayagent.config.RelayServerPolicy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link TunnelServer} listens and reaches its upstream. Built from the policy with {@link
 * #from}; the {@code with...} methods change one value (tests bind to loopback, ephemeral ports and
 * short timeouts).
 *
 * @param bindAddress the address both listeners bind to; the wildcard in production
 * @param tlsPort the mutual-TLS listener's port (0 for an ephemeral one)
 * @param plainProxy the plain-HTTP listener: whether it runs, its port, the networks it serves
 * @param maxConnections client connections open at once (both listeners); more get 503
 * @param idleTimeout a connection without traffic either way for this long is closed
 * @param headTimeout the whole request head (and, on the TLS listener, the handshake before it)
 *     must arrive within this time
 * @param connectTimeout bound for each TCP connect to the upstream (or its proxy)
 * @param upstreamProxy how the relay itself reaches its sites (none, system, manual proxy)
 */
public record TunnelSettings(
    InetAddress bindAddress,
    int tlsPort,
    PlainProxyPolicy plainProxy,
    int maxConnections,
    Duration idleTimeout,
    Duration headTimeout,
    Duration connectTimeout,
    ProxyPolicy upstreamProxy) {

  public static final Duration DEFAULT_HEAD_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

  public TunnelSettings {
    Objects.requireNonNull(bindAddress, "bindAddress");
    Objects.requireNonNull(plainProxy, "plainProxy");
    Objects.requireNonNull(upstreamProxy, "upstreamProxy");
    requirePort(tlsPort, "tlsPort");
    requirePort(plainProxy.port(), "plainProxy.port");
    if (maxConnections < 1) {
      throw new IllegalArgumentException("maxConnections must be at least 1: " + maxConnections);
    }
    requirePositive(idleTimeout, "idleTimeout");
    requirePositive(headTimeout, "headTimeout");
    requirePositive(connectTimeout, "connectTimeout");
    if (plainProxy.enabled() && plainProxy.allowedNetworks().isEmpty()) {
      // An open plain listener would serve anyone who can reach the port.
      throw new IllegalArgumentException("the plain proxy listener needs allowed networks");
    }
  }

  /** The policy's values, on every local address, with the default head and connect timeouts. */
  public static TunnelSettings from(RelayServerPolicy relay, ProxyPolicy upstreamProxy) {
    return new TunnelSettings(
        new InetSocketAddress(0).getAddress(),
        relay.tunnelPort(),
        relay.plainProxy(),
        relay.maxConnections(),
        relay.idleTimeout(),
        DEFAULT_HEAD_TIMEOUT,
        DEFAULT_CONNECT_TIMEOUT,
        upstreamProxy);
  }

  public TunnelSettings withBindAddress(InetAddress address) {
    return new TunnelSettings(
        address,
        tlsPort,
        plainProxy,
        maxConnections,
        idleTimeout,
        headTimeout,
        connectTimeout,
        upstreamProxy);
  }

  public TunnelSettings withTlsPort(int port) {
    return new TunnelSettings(
        bindAddress,
        port,
        plainProxy,
        maxConnections,
        idleTimeout,
        headTimeout,
        connectTimeout,
        upstreamProxy);
  }

  public TunnelSettings withPlainProxy(PlainProxyPolicy policy) {
    return new TunnelSettings(
        bindAddress,
        tlsPort,
        policy,
        maxConnections,
        idleTimeout,
        headTimeout,
        connectTimeout,
        upstreamProxy);
  }

  public TunnelSettings withMaxConnections(int max) {
    return new TunnelSettings(
        bindAddress,
        tlsPort,
        plainProxy,
        max,
        idleTimeout,
        headTimeout,
        connectTimeout,
        upstreamProxy);
  }

  public TunnelSettings withIdleTimeout(Duration timeout) {
    return new TunnelSettings(
        bindAddress,
        tlsPort,
        plainProxy,
        maxConnections,
        timeout,
        headTimeout,
        connectTimeout,
        upstreamProxy);
  }

  public TunnelSettings withHeadTimeout(Duration timeout) {
    return new TunnelSettings(
        bindAddress,
        tlsPort,
        plainProxy,
        maxConnections,
        idleTimeout,
        timeout,
        connectTimeout,
        upstreamProxy);
  }

  public TunnelSettings withConnectTimeout(Duration timeout) {
    return new TunnelSettings(
        bindAddress,
        tlsPort,
        plainProxy,
        maxConnections,
        idleTimeout,
        headTimeout,
        timeout,
        upstreamProxy);
  }

  public TunnelSettings withUpstreamProxy(ProxyPolicy policy) {
    return new TunnelSettings(
        bindAddress,
        tlsPort,
        plainProxy,
        maxConnections,
        idleTimeout,
        headTimeout,
        connectTimeout,
        policy);
  }

  private static void requirePort(int port, String name) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(name + " out of range (0-65535): " + port);
    }
  }

  private static void requirePositive(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + duration);
    }
  }
}
