package io.relayagent.mesh.metrics;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.relayagent.config.MetricsPolicy;
import io.relayagent.protocol.agent.RelayStatistics;
import io.relayagent.sitelist.IpLiterals;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay's metrics page: {@code GET http://bindAddress:port/metrics} in the Prometheus text
 * format, served by the Prometheus Java client's own HTTP server (the JDK's {@code
 * com.sun.net.httpserver}, a thread of its own), so the page never touches the tunnel's event
 * loops.
 *
 * <pre>{@code
 * try (MetricsServer metrics = MetricsServer.start(policy.relayServer().metrics(), relay::statistics)) {
 *   // curl http://127.0.0.1:9464/metrics
 * }
 * }</pre>
 */
public final class MetricsServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(MetricsServer.class);

  private final HTTPServer server;
  private final InetSocketAddress address;

  private MetricsServer(HTTPServer server, InetSocketAddress address) {
    this.server = server;
    this.address = address;
  }

  /**
   * Binds the page where {@code policy} says.
   *
   * @throws IOException if the address cannot be bound (in use, not local)
   */
  public static MetricsServer start(MetricsPolicy policy, Supplier<RelayStatistics> statistics)
      throws IOException {
    HTTPServer server =
        HTTPServer.builder()
            .inetAddress(policy.bindAddress())
            .port(policy.port())
            .registry(RelayMetrics.registry(statistics))
            .buildAndStart();
    InetSocketAddress address = new InetSocketAddress(policy.bindAddress(), server.getPort());
    log.info("relay metrics on http://{}/metrics", IpLiterals.format(address));
    return new MetricsServer(server, address);
  }

  /** Where the page is (its actual port when the policy asked for 0). */
  public InetSocketAddress address() {
    return address;
  }

  @Override
  public void close() {
    server.close();
  }
}
