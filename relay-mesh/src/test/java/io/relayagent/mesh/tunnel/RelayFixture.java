package io.relayagent.mesh.tunnel;

import io.relayagent.config.Cidr;
import io.relayagent.config.PlainProxyPolicy;
import io.relayagent.config.ProxyPolicy;
import io.relayagent.config.RelayServerPolicy;
import io.relayagent.mesh.content.ContentService;
import io.relayagent.sitelist.SiteListReader;
import io.relayagent.sitelist.SiteLists;
import io.relayagent.testkit.RawClient;
import io.relayagent.trust.JdkClientTls;
import io.relayagent.trust.LoopbackPki;
import io.relayagent.trust.Role;
import io.relayagent.trust.TlsContexts;
import io.relayagent.trust.TrustMaterial;
import io.relayagent.trust.TrustSource;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * A relay for tests: loopback only, ephemeral ports, short timeouts, a SiteList built from {@code
 * host:port} strings, and a hosts table for names ({@code epo.example.test} is loopback), so that
 * no test asks the machine's DNS. Its certificates are those of {@link TunnelHosts}.
 */
final class RelayFixture implements AutoCloseable {

  static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  /** The management server's name, in its certificate and in the test hosts table. */
  static final String SERVER_NAME = "epo.example.test";

  static final String RELAY = "relay-1";
  static final String AGENT = "agent-1";

  final TunnelServer server;
  private final AtomicReference<SiteLists> sites;
  private final List<String> lookups;
  private final JdkClientTls agentTls;

  private RelayFixture(
      TunnelServer server,
      AtomicReference<SiteLists> sites,
      List<String> lookups,
      JdkClientTls agentTls) {
    this.server = server;
    this.sites = sites;
    this.lookups = lookups;
    this.agentTls = agentTls;
  }

  /** TLS as a client of relays (the relay's role checked) that proves itself with {@code who}. */
  static JdkClientTls toRelay(TrustMaterial who) {
    return TlsContexts.forJdkClient(who, Role.RELAY);
  }

  /** Settings as the policy gives them, on loopback with an ephemeral port and short timeouts. */
  static TunnelSettings settings() {
    return TunnelSettings.from(RelayServerPolicy.defaults(), ProxyPolicy.defaults())
        .withBindAddress(LOOPBACK)
        .withTlsPort(0)
        .withHeadTimeout(Duration.ofSeconds(2))
        .withConnectTimeout(Duration.ofSeconds(1))
        .withIdleTimeout(Duration.ofSeconds(30));
  }

  /** The plain listener on an ephemeral port, for the given networks. */
  static PlainProxyPolicy plainFor(String... networks) {
    return new PlainProxyPolicy(true, 0, Stream.of(networks).map(Cidr::parse).toList());
  }

  static RelayFixture start(
      LoopbackPki pki, TunnelSettings settings, ContentService content, String... endpoints)
      throws Exception {
    return start(pki, pki.material(RELAY), settings, content, endpoints);
  }

  /** A relay whose trust is {@code relayTrust} (a {@code LiveTrust}, for revocation tests). */
  static RelayFixture start(
      LoopbackPki pki,
      TrustSource relayTrust,
      TunnelSettings settings,
      ContentService content,
      String... endpoints)
      throws Exception {
    List<String> lookups = new CopyOnWriteArrayList<>();
    HostResolver hosts =
        host -> {
          lookups.add(host);
          return resolve(host);
        };
    AtomicReference<SiteLists> sites = new AtomicReference<>(siteLists(endpoints));
    TunnelServer server =
        TunnelServer.start(
            settings,
            TlsContexts.forServer(relayTrust, Role.AGENT),
            relayTrust,
            sites::get,
            content,
            hosts);
    return new RelayFixture(server, sites, lookups, toRelay(pki.material(AGENT)));
  }

  /** A connection to the TLS listener as the agent. */
  RawClient agent() throws IOException {
    return connect(agentTls);
  }

  /** A connection to the TLS listener with {@code tls}. */
  RawClient connect(JdkClientTls tls) throws IOException {
    return RawClient.tls(tls.context().getSocketFactory(), tls.parameters(), tls());
  }

  /** Replaces the relay's SiteList, as a SiteList update does. */
  void updateSites(String... endpoints) throws Exception {
    sites.set(siteLists(endpoints));
  }

  /** The host names the relay looked up, in order. */
  List<String> lookups() {
    return List.copyOf(lookups);
  }

  InetSocketAddress tls() {
    return server.tlsAddress();
  }

  InetSocketAddress plain() {
    return server.plainAddress().orElseThrow();
  }

  /** The test hosts table: the test site names are loopback; literals parse; the rest fail. */
  static InetAddress[] resolve(String host) throws UnknownHostException {
    Map<String, String> table = Map.of(SERVER_NAME, "127.0.0.1", "localhost", "127.0.0.1");
    if (table.containsKey(host)) {
      return new InetAddress[] {InetAddress.getByName(table.get(host))};
    }
    if (host.matches("[0-9.]+") || host.indexOf(':') >= 0) {
      return new InetAddress[] {InetAddress.getByName(host)};
    }
    throw new UnknownHostException(host + ": not in the test hosts table");
  }

  /** A SiteList with one enabled site per endpoint ({@code host:port}); "!" first disables it. */
  static SiteLists siteLists(String... endpoints) throws Exception {
    StringBuilder xml =
        new StringBuilder(
            "<ns:SiteLists xmlns:ns=\"naSiteList\" Type=\"Client\" GlobalVersion=\"1\""
                + " LocalVersion=\"1\"><SiteList Default=\"1\" Name=\"tests\">");
    int order = 1;
    for (String endpoint : endpoints) {
      boolean disabled = endpoint.startsWith("!");
      xml.append(
          String.format(
              "<SpipeSite Type=\"master\" Name=\"site%d\" Order=\"%d\" Server=\"%s\""
                  + " Enabled=\"%d\" Local=\"0\"/>",
              order, order, disabled ? endpoint.substring(1) : endpoint, disabled ? 0 : 1));
      order++;
    }
    xml.append("</SiteList></ns:SiteLists>");
    return SiteListReader.parse("test", xml.toString().getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    try {
      server.drain(Duration.ZERO);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
