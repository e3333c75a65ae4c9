package io.relayagent.config;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlList;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.List;

/** The JAXB binding of {@code relayServer} and {@code relayClient}; see {@link PolicyXml}. */
final class RelayXml {
  private RelayXml() {}

  @XmlType(
      name = "relayServer",
      propOrder = {"contentCache", "plainProxy", "discoveryAnswers", "metrics"})
  static final class Server {
    @XmlAttribute Boolean enabled;
    @XmlAttribute Integer tunnelPort;
    @XmlAttribute Integer maxConnections;
    @XmlAttribute Integer idleTimeoutSeconds;
    ContentCache contentCache;
    PlainProxy plainProxy;
    DiscoveryAnswers discoveryAnswers;
    Metrics metrics;
  }

  @XmlType(name = "metrics")
  static final class Metrics {
    @XmlAttribute Boolean enabled;
    @XmlAttribute String bindAddress;
    @XmlAttribute Integer port;
  }

  @XmlType(name = "discoveryAnswers")
  static final class DiscoveryAnswers {
    @XmlAttribute Integer loadDelayMillis;
    @XmlAttribute Integer busyCpuPercent;
    @XmlAttribute Boolean busyOnBattery;
    @XmlAttribute Boolean answerWhenBusy;
  }

  @XmlType(name = "contentCache")
  static final class ContentCache {
    @XmlAttribute Boolean enabled;
    @XmlAttribute Integer quotaMiB;
  }

  @XmlType(name = "plainProxy")
  static final class PlainProxy {
    @XmlAttribute Boolean enabled;
    @XmlAttribute Integer port;

    @XmlElement(name = "allowedNetwork")
    List<AllowedNetwork> allowedNetworks = new ArrayList<>();
  }

  @XmlType(name = "allowedNetwork")
  static final class AllowedNetwork {
    @XmlAttribute String cidr;

    AllowedNetwork() {}

    AllowedNetwork(String cidr) {
      this.cidr = cidr;
    }
  }

  @XmlType(
      name = "relayClient",
      propOrder = {"discoveryInterfaces", "staticRelays"})
  static final class Client {
    @XmlAttribute Boolean discoveryEnabled;
    @XmlAttribute Integer discoveryPort;
    @XmlAttribute String multicastGroup;
    @XmlAttribute Integer collectWindowMillis;
    @XmlAttribute Integer cachedRelays;
    @XmlAttribute Integer cacheExpiryAscis;
    DiscoveryInterfaces discoveryInterfaces;

    @XmlElement(name = "staticRelay")
    List<StaticRelay> staticRelays = new ArrayList<>();
  }

  @XmlType(name = "discoveryInterfaces")
  static final class DiscoveryInterfaces {
    @XmlAttribute @XmlList List<String> include;
    @XmlAttribute @XmlList List<String> exclude;
  }

  @XmlType(name = "staticRelay")
  static final class StaticRelay {
    @XmlAttribute String host;
    @XmlAttribute Integer port;
  }
}
