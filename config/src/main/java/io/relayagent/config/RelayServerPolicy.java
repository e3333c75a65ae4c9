package io.relayagent.config;

import java.time.Duration;
import java.util.Objects;

/**
 * This agent as a relay for its peers ({@code <relayServer>}).
 *
 * @param enabled whether the agent accepts tunnels and answers discovery at all
 * @param tunnelPort the TCP port of the TLS tunnel listener; 0 for one the system chooses
 * @param maxConnections tunnels open at once; more are refused
 * @param idleTimeout a tunnel with no traffic either way for this long is closed (both listeners)
 * @param discoveryAnswers how the relay answers discovery under load
 * @param metrics the relay's statistics page in the Prometheus text format
 */
public record RelayServerPolicy(
    boolean enabled,
    int tunnelPort,
    int maxConnections,
    Duration idleTimeout,
    ContentCachePolicy contentCache,
    PlainProxyPolicy plainProxy,
    DiscoveryAnswerPolicy discoveryAnswers,
    MetricsPolicy metrics) {

  public static final int DEFAULT_TUNNEL_PORT = 8083;
  public static final int DEFAULT_MAX_CONNECTIONS = 4096;
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(300);

  public RelayServerPolicy {
    Durations.requireWhole(idleTimeout, Duration.ofSeconds(1), "idleTimeout");
    Objects.requireNonNull(contentCache, "contentCache");
    Objects.requireNonNull(plainProxy, "plainProxy");
    Objects.requireNonNull(discoveryAnswers, "discoveryAnswers");
    Objects.requireNonNull(metrics, "metrics");
  }

  /** A relay whose metrics page is off ({@link MetricsPolicy#defaults()}). */
  public RelayServerPolicy(
      boolean enabled,
      int tunnelPort,
      int maxConnections,
      Duration idleTimeout,
      ContentCachePolicy contentCache,
      PlainProxyPolicy plainProxy,
      DiscoveryAnswerPolicy discoveryAnswers) {
    this(
        enabled,
        tunnelPort,
        maxConnections,
        idleTimeout,
        contentCache,
        plainProxy,
        discoveryAnswers,
        MetricsPolicy.defaults());
  }

  /** A relay that answers discovery by {@link DiscoveryAnswerPolicy#defaults()}. */
  public RelayServerPolicy(
      boolean enabled,
      int tunnelPort,
      int maxConnections,
      Duration idleTimeout,
      ContentCachePolicy contentCache,
      PlainProxyPolicy plainProxy) {
    this(
        enabled,
        tunnelPort,
        maxConnections,
        idleTimeout,
        contentCache,
        plainProxy,
        DiscoveryAnswerPolicy.defaults());
  }

  public static RelayServerPolicy defaults() {
    return new RelayServerPolicy(
        false,
        DEFAULT_TUNNEL_PORT,
        DEFAULT_MAX_CONNECTIONS,
        DEFAULT_IDLE_TIMEOUT,
        ContentCachePolicy.defaults(),
        PlainProxyPolicy.defaults(),
        DiscoveryAnswerPolicy.defaults(),
        MetricsPolicy.defaults());
  }
}
