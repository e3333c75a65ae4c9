package io.relayagent.server;

import io.relayagent.trust.TrustMaterial;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything the reference server needs to start. Tests and the demo build settings in code; {@code
 * relay-agent server} loads them from the directory (see {@link #load}).
 *
 * <pre>{@code
 * ServerSettings settings =
 *     ServerSettings.of(dir, trustMaterial)
 *         .withBindAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
 * try (ReferenceServer server = ReferenceServer.start(settings)) {
 *   URI base = URI.create("https://localhost:" + server.port());
 * }
 * }</pre>
 *
 * @param trust the CA certificates to trust and the server's own certificate (role server) and key
 * @param bindAddress where to listen; port 0 picks a free port
 * @param repositoryScanInterval how often {@code repo/} is compared with the catalog; zero for
 *     never (a rescan then happens at start, on an administrator's call, and when a served file
 *     changed)
 */
public record ServerSettings(
    ServerDirectory directory,
    TrustMaterial trust,
    InetSocketAddress bindAddress,
    Duration repositoryScanInterval,
    ServerLimits limits) {

  /** The management server's port (DESIGN.md, "Ports"). */
  public static final int DEFAULT_PORT = 443;

  public static final Duration DEFAULT_SCAN_INTERVAL = Duration.ofSeconds(10);

  public ServerSettings {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(trust, "trust");
    Objects.requireNonNull(bindAddress, "bindAddress");
    Objects.requireNonNull(limits, "limits");
    if (repositoryScanInterval.isNegative()) {
      throw new IllegalArgumentException("the repository scan interval cannot be negative");
    }
  }

  /** Settings for {@code dir} with the given trust, on every address at port 443. */
  public static ServerSettings of(Path dir, TrustMaterial trust) {
    return new ServerSettings(
        new ServerDirectory(dir),
        trust,
        new InetSocketAddress(DEFAULT_PORT),
        DEFAULT_SCAN_INTERVAL,
        ServerLimits.defaults());
  }

  /**
   * Settings from {@code dir}: its {@code server.properties} if there is one (see {@code
   * docs/server-protocol.md}), and the trust files it names (by default {@code ca.pem}, {@code
   * server.pem}, {@code server-key.pem}).
   *
   * @throws ServerStartException naming the file and the problem
   */
  public static ServerSettings load(Path dir) throws ServerStartException {
    return ServerProperties.load(new ServerDirectory(dir));
  }

  public ServerSettings withBindAddress(InetSocketAddress address) {
    return new ServerSettings(directory, trust, address, repositoryScanInterval, limits);
  }

  /** The same address, another port. */
  public ServerSettings withPort(int port) {
    InetSocketAddress address =
        bindAddress.getAddress() == null || bindAddress.getAddress().isAnyLocalAddress()
            ? new InetSocketAddress(port)
            : new InetSocketAddress(bindAddress.getAddress(), port);
    return withBindAddress(address);
  }

  /**
   * The same port on {@code ipLiteral} only.
   *
   * @throws IllegalArgumentException if it is not an IP address (the server never asks DNS)
   */
  public ServerSettings withBind(String ipLiteral) {
    return withBindAddress(
        new InetSocketAddress(ServerProperties.literal(ipLiteral.trim()), bindAddress.getPort()));
  }

  public ServerSettings withRepositoryScanInterval(Duration interval) {
    return new ServerSettings(directory, trust, bindAddress, interval, limits);
  }

  public ServerSettings withLimits(ServerLimits newLimits) {
    return new ServerSettings(directory, trust, bindAddress, repositoryScanInterval, newLimits);
  }
}
