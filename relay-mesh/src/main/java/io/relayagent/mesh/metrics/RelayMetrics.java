package io.relayagent.mesh.metrics;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.relayagent.protocol.agent.RelayStatistics;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * The relay's statistics as Prometheus metrics, read from the same counters as the status report at
 * each scrape (callbacks: nothing is copied between scrapes). The registry is the relay's own,
 * never the process-wide default, so that a relay restarted by a policy change registers afresh.
 *
 * <p>Names follow Prometheus' conventions: {@code relay_} prefix, base units ({@code _bytes}),
 * {@code _total} on counters (the exposition adds it).
 */
final class RelayMetrics {

  private RelayMetrics() {}

  /** A registry holding every figure of {@link RelayStatistics}, read from {@code statistics}. */
  static PrometheusRegistry registry(Supplier<RelayStatistics> statistics) {
    PrometheusRegistry registry = new PrometheusRegistry();
    gauge(
        registry,
        statistics,
        "relay_agents_served",
        "Distinct agents served in the last 24 hours.",
        RelayStatistics::agentsServed);
    gauge(
        registry,
        statistics,
        "relay_tunnels_open",
        "Tunnels open now.",
        RelayStatistics::tunnelsOpen);
    counter(
        registry,
        statistics,
        "relay_tunnels_opened",
        "Tunnels opened.",
        RelayStatistics::tunnelsOpened);
    CounterWithCallback.builder()
        .name("relay_requests_refused")
        .help("Requests refused, by reason.")
        .labelNames("reason")
        .callback(
            callback ->
                statistics
                    .get()
                    .refused()
                    .forEach(refused -> callback.call(refused.count(), refused.reason())))
        .register(registry);
    CounterWithCallback.builder()
        .name("relay_tunnel_bytes")
        .help("Bytes the tunnels carried, by direction.")
        .labelNames("direction")
        .callback(
            callback -> {
              RelayStatistics now = statistics.get();
              callback.call(now.bytesFromAgents(), "from_agents");
              callback.call(now.bytesToAgents(), "to_agents");
            })
        .register(registry);
    counter(
        registry,
        statistics,
        "relay_cache_hits",
        "Content requests answered from the cache.",
        RelayStatistics::cacheHits);
    counter(
        registry,
        statistics,
        "relay_cache_misses",
        "Content requests that waited for upstream.",
        RelayStatistics::cacheMisses);
    counter(
        registry,
        statistics,
        "relay_cache_served_bytes",
        "Content bytes sent to agents.",
        RelayStatistics::cacheBytesServed);
    counter(
        registry,
        statistics,
        "relay_cache_fetched_bytes",
        "Content bytes fetched upstream.",
        RelayStatistics::cacheBytesFetched);
    counter(
        registry,
        statistics,
        "relay_cache_saved_bytes",
        "Upstream bytes the content cache saved (bandwidth saved).",
        RelayStatistics::bandwidthSaved);
    return registry;
  }

  private static void counter(
      PrometheusRegistry registry,
      Supplier<RelayStatistics> statistics,
      String name,
      String help,
      ToLongFunction<RelayStatistics> value) {
    CounterWithCallback.builder()
        .name(name)
        .help(help)
        .callback(callback -> callback.call(value.applyAsLong(statistics.get())))
        .register(registry);
  }

  private static void gauge(
      PrometheusRegistry registry,
      Supplier<RelayStatistics> statistics,
      String name,
      String help,
      ToLongFunction<RelayStatistics> value) {
    GaugeWithCallback.builder()
        .name(name)
        .help(help)
        .callback(callback -> callback.call(value.applyAsLong(statistics.get())))
        .register(registry);
  }
}
