package io.relayagent.config;

import io.relayagent.sitelist.IpLiterals;
import java.nio.file.Path;

/**
 * Builds the binding of a {@link Policy} for writing: every value explicit (so the file shows the
 * effective policy), every absent optional value left out.
 */
final class PolicyToXml {
  private PolicyToXml() {}

  static PolicyXml of(Policy policy) {
    PolicyXml xml = new PolicyXml();
    xml.asci = new PolicyXml.Asci();
    xml.asci.intervalMinutes = (int) policy.asciInterval().toMinutes();
    xml.relayServer = server(policy.relayServer());
    xml.relayClient = client(policy.relayClient());
    xml.proxy = proxy(policy.proxy());
    xml.eventQueue = new PolicyXml.EventQueue();
    xml.eventQueue.maxEvents = policy.eventQueue().maxEvents();
    xml.eventQueue.maxMiB = policy.eventQueue().maxMiB();
    xml.eventQueue.batchSize = policy.eventQueue().batchSize();
    xml.trust = trust(policy.trust());
    return xml;
  }

  private static RelayXml.Server server(RelayServerPolicy server) {
    RelayXml.Server xml = new RelayXml.Server();
    xml.enabled = server.enabled();
    xml.tunnelPort = server.tunnelPort();
    xml.maxConnections = server.maxConnections();
    xml.idleTimeoutSeconds = (int) server.idleTimeout().toSeconds();
    xml.contentCache = new RelayXml.ContentCache();
    xml.contentCache.enabled = server.contentCache().enabled();
    xml.contentCache.quotaMiB = server.contentCache().quotaMiB();
    xml.plainProxy = new RelayXml.PlainProxy();
    xml.plainProxy.enabled = server.plainProxy().enabled();
    xml.plainProxy.port = server.plainProxy().port();
    xml.plainProxy.allowedNetworks =
        server.plainProxy().allowedNetworks().stream()
            .map(network -> new RelayXml.AllowedNetwork(network.toString()))
            .toList();
    DiscoveryAnswerPolicy answers = server.discoveryAnswers();
    xml.discoveryAnswers = new RelayXml.DiscoveryAnswers();
    xml.discoveryAnswers.loadDelayMillis = (int) answers.loadDelay().toMillis();
    xml.discoveryAnswers.busyCpuPercent = answers.busyCpuPercent();
    xml.discoveryAnswers.busyOnBattery = answers.busyOnBattery();
    xml.discoveryAnswers.answerWhenBusy = answers.answerWhenBusy();
    xml.metrics = new RelayXml.Metrics();
    xml.metrics.enabled = server.metrics().enabled();
    xml.metrics.bindAddress = IpLiterals.format(server.metrics().bindAddress());
    xml.metrics.port = server.metrics().port();
    return xml;
  }

  private static RelayXml.Client client(RelayClientPolicy client) {
    RelayXml.Client xml = new RelayXml.Client();
    xml.discoveryEnabled = client.discoveryEnabled();
    xml.discoveryPort = client.discoveryPort();
    xml.multicastGroup = IpLiterals.format(client.multicastGroup());
    xml.collectWindowMillis = (int) client.collectWindow().toMillis();
    xml.cachedRelays = client.cachedRelays();
    xml.cacheExpiryAscis = client.cacheExpiryAscis();
    xml.discoveryInterfaces = new RelayXml.DiscoveryInterfaces();
    InterfaceSelection interfaces = client.discoveryInterfaces();
    xml.discoveryInterfaces.include = interfaces.include().isEmpty() ? null : interfaces.include();
    xml.discoveryInterfaces.exclude = interfaces.exclude();
    for (var relay : client.staticRelays()) {
      RelayXml.StaticRelay relayXml = new RelayXml.StaticRelay();
      relayXml.host = relay.host();
      relayXml.port = relay.port();
      xml.staticRelays.add(relayXml);
    }
    return xml;
  }

  private static ProxyXml proxy(ProxyPolicy proxy) {
    ProxyXml xml = new ProxyXml();
    xml.mode = proxy.mode().xmlName();
    proxy
        .server()
        .ifPresent(
            server -> {
              xml.host = server.host();
              xml.port = server.port();
            });
    proxy
        .credentials()
        .ifPresent(
            credentials -> {
              xml.credentials = new ProxyXml.Credentials();
              xml.credentials.user = credentials.user();
              xml.credentials.passwordFile = credentials.passwordFile().toString();
            });
    xml.bypass =
        proxy.bypass().stream().map(bypass -> new ProxyXml.Bypass(bypass.toString())).toList();
    xml.allowUserOverride = proxy.userOverrideAllowed();
    return xml;
  }

  private static PolicyXml.Trust trust(TrustPolicy trust) {
    PolicyXml.Trust xml = new PolicyXml.Trust();
    xml.caCertificates = trust.caCertificateFiles().stream().map(PolicyToXml::fileRef).toList();
    xml.certificateChain = trust.certificateChainFile().map(PolicyToXml::fileRef).orElse(null);
    trust
        .privateKeyFile()
        .ifPresent(
            file -> {
              xml.privateKey = new PolicyXml.PrivateKey();
              xml.privateKey.file = file.toString();
              xml.privateKey.passwordFile =
                  trust.privateKeyPasswordFile().map(Path::toString).orElse(null);
            });
    xml.crl = trust.crlFile().map(PolicyToXml::fileRef).orElse(null);
    return xml;
  }

  private static PolicyXml.FileRef fileRef(Path file) {
    return new PolicyXml.FileRef(file.toString());
  }
}
