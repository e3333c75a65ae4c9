package io.relayagent.config;

import static io.relayagent.config.PolicyConverter.orDefault;

import io.relayagent.sitelist.HostPort;
import io.relayagent.sitelist.IpLiterals;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The {@code relayServer} and {@code relayClient} part of {@link PolicyConverter}. */
final class RelayConverter {
  private final PolicyConverter policy;

  RelayConverter(PolicyConverter policy) {
    this.policy = policy;
  }

  RelayServerPolicy server(RelayXml.Server xml) {
    RelayServerPolicy d = RelayServerPolicy.defaults();
    if (xml == null) {
      return d;
    }
    return new RelayServerPolicy(
        orDefault(xml.enabled, d.enabled()),
        orDefault(xml.tunnelPort, d.tunnelPort()),
        orDefault(xml.maxConnections, d.maxConnections()),
        xml.idleTimeoutSeconds == null
            ? d.idleTimeout()
            : Duration.ofSeconds(xml.idleTimeoutSeconds),
        contentCache(xml.contentCache),
        plainProxy(xml.plainProxy),
        discoveryAnswers(xml.discoveryAnswers),
        metrics(xml.metrics));
  }

  private MetricsPolicy metrics(RelayXml.Metrics xml) {
    MetricsPolicy d = MetricsPolicy.defaults();
    if (xml == null) {
      return d;
    }
    InetAddress bind = d.bindAddress();
    if (xml.bindAddress != null) {
      try {
        bind = IpLiterals.parse(xml.bindAddress.strip());
      } catch (IllegalArgumentException e) {
        policy.problem(xml, "relayServer: metrics: bindAddress " + e.getMessage());
      }
    }
    return new MetricsPolicy(
        orDefault(xml.enabled, d.enabled()), bind, orDefault(xml.port, d.port()));
  }

  RelayClientPolicy client(RelayXml.Client xml) {
    RelayClientPolicy d = RelayClientPolicy.defaults();
    if (xml == null) {
      return d;
    }
    return new RelayClientPolicy(
        orDefault(xml.discoveryEnabled, d.discoveryEnabled()),
        orDefault(xml.discoveryPort, d.discoveryPort()),
        xml.multicastGroup == null
            ? d.multicastGroup()
            : policy.multicastGroup(xml, xml.multicastGroup),
        xml.collectWindowMillis == null
            ? d.collectWindow()
            : Duration.ofMillis(xml.collectWindowMillis),
        orDefault(xml.cachedRelays, d.cachedRelays()),
        orDefault(xml.cacheExpiryAscis, d.cacheExpiryAscis()),
        interfaces(xml.discoveryInterfaces),
        staticRelays(xml.staticRelays));
  }

  private ContentCachePolicy contentCache(RelayXml.ContentCache xml) {
    ContentCachePolicy d = ContentCachePolicy.defaults();
    if (xml == null) {
      return d;
    }
    return new ContentCachePolicy(
        orDefault(xml.enabled, d.enabled()), orDefault(xml.quotaMiB, d.quotaMiB()));
  }

  private static DiscoveryAnswerPolicy discoveryAnswers(RelayXml.DiscoveryAnswers xml) {
    DiscoveryAnswerPolicy d = DiscoveryAnswerPolicy.defaults();
    if (xml == null) {
      return d;
    }
    return new DiscoveryAnswerPolicy(
        xml.loadDelayMillis == null ? d.loadDelay() : Duration.ofMillis(xml.loadDelayMillis),
        orDefault(xml.busyCpuPercent, d.busyCpuPercent()),
        orDefault(xml.busyOnBattery, d.busyOnBattery()),
        orDefault(xml.answerWhenBusy, d.answerWhenBusy()));
  }

  private PlainProxyPolicy plainProxy(RelayXml.PlainProxy xml) {
    PlainProxyPolicy d = PlainProxyPolicy.defaults();
    if (xml == null) {
      return d;
    }
    return new PlainProxyPolicy(
        orDefault(xml.enabled, d.enabled()),
        orDefault(xml.port, d.port()),
        policy.each(
            xml.allowedNetworks, network -> network.cidr, "allowedNetwork: cidr", Cidr::parse));
  }

  private InterfaceSelection interfaces(RelayXml.DiscoveryInterfaces xml) {
    InterfaceSelection d = InterfaceSelection.defaults();
    if (xml == null) {
      return d;
    }
    try {
      return new InterfaceSelection(
          orDefault(xml.include, d.include()), orDefault(xml.exclude, d.exclude()));
    } catch (IllegalArgumentException e) {
      // The schema's pattern already refuses these; kept so that the two can never disagree.
      policy.problem(xml, "discoveryInterfaces: " + e.getMessage());
      return d;
    }
  }

  private List<HostPort> staticRelays(List<RelayXml.StaticRelay> xml) {
    List<HostPort> relays = new ArrayList<>();
    Map<HostPort, RelayXml.StaticRelay> seen = new HashMap<>();
    for (RelayXml.StaticRelay relay : xml) {
      int port = orDefault(relay.port, RelayClientPolicy.DEFAULT_STATIC_RELAY_PORT);
      HostPort address;
      try {
        address = HostPorts.of(relay.host, port);
      } catch (IllegalArgumentException e) {
        policy.problem(relay, "staticRelay: host " + e.getMessage());
        continue;
      }
      RelayXml.StaticRelay first = seen.putIfAbsent(address, relay);
      if (first != null) {
        policy.problem(
            relay,
            "staticRelay: "
                + address
                + " is listed twice (first at line "
                + policy.lineOf(first)
                + ")");
      } else {
        relays.add(address);
      }
    }
    return relays;
  }
}
