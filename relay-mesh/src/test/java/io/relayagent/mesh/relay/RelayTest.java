package io.relayagent.mesh.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.relayagent.config.Cidr;
import io.relayagent.config.ContentCachePolicy;
import io.relayagent.config.DiscoveryAnswerPolicy;
import io.relayagent.config.EventQueuePolicy;
import io.relayagent.config.InterfaceSelection;
import io.relayagent.config.MetricsPolicy;
import io.relayagent.config.PlainProxyPolicy;
import io.relayagent.config.Policy;
import io.relayagent.config.ProxyPolicy;
import io.relayagent.config.RelayClientPolicy;
import io.relayagent.config.RelayServerPolicy;
import io.relayagent.config.TrustPolicy;
import io.relayagent.mesh.discovery.DiscoveryClient;
import io.relayagent.mesh.discovery.KnownRelay;
import io.relayagent.mesh.discovery.OfferVerifier;
import io.relayagent.mesh.discovery.TrustOfferAuthenticator;
import io.relayagent.protocol.agent.RelayStatistics;
import io.relayagent.sitelist.IpLiterals;
import io.relayagent.sitelist.SiteListReader;
import io.relayagent.sitelist.SiteLists;
import io.relayagent.trust.CertificateAuthority;
import io.relayagent.trust.ChainVerifier;
import io.relayagent.trust.IssueRequest;
import io.relayagent.trust.KeyAlgorithm;
import io.relayagent.trust.Role;
import io.relayagent.trust.SignatureVerifier;
import io.relayagent.trust.TlsContexts;
import io.relayagent.trust.TrustMaterial;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A relay assembled from its policy, on loopback with real sockets: an agent discovers it, tunnels
 * through it to a site of its SiteList, sees it fall silent when that site is cut, and sees it stop
 * gracefully.
 */
class RelayTest {

  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private static final PlainProxyPolicy NO_PLAIN = PlainProxyPolicy.defaults();

  @TempDir Path dir;

  private final EventLoopGroup agentGroup =
      new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final CertificateAuthority ca =
      CertificateAuthority.createRoot(
          "CN=Relay test CA,O=Relay Agent tests",
          KeyAlgorithm.P256,
          Duration.ofDays(2),
          Clock.systemUTC());
  private final List<AutoCloseable> toClose = new ArrayList<>();

  @AfterEach
  void tearDown() throws Exception {
    for (AutoCloseable closeable : toClose) {
      closeable.close();
    }
    agentGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
  }

  @Test
  void start_fromPolicy_answersDiscoveryForItsTunnelOnceItsSiteAnswers() throws Exception {
    EchoSite site = site();
    Relay relay = start(policy(true, NO_PLAIN, 0), site);

    List<KnownRelay> offers = awaitOffers(relay);

    assertThat(offers)
        .singleElement()
        .satisfies(
            offer -> {
              assertThat(offer.relayId()).isEqualTo("relay-7").isEqualTo(relay.relayId());
              assertThat(offer.tunnelAddress().getPort()).isEqualTo(relay.tlsAddress().getPort());
              assertThat(offer.capacity()).isEqualTo(8);
            });
    assertThat(relay.status())
        .isEqualTo(new Relay.Status("relay-7", relay.tlsAddress().getPort(), 0, 8, true, 0));
    assertThat(relay.cachesContent()).isTrue();
    assertThat(dir.resolve("cache")).isDirectory();
    assertThat(relay.plainAddress()).isEmpty();
  }

  @Test
  void status_damagedObjectInItsCache_isCountedForTheAdministrator() throws Exception {
    Path cache = Files.createDirectories(dir.resolve("cache"));
    Path data =
        Files.write(
            cache.resolve("0123456789abcdef0123456789abcdef-0123456789abcdef"), new byte[10]);
    Files.writeString(data.resolveSibling(data.getFileName() + ".meta"), "format=2\nsite=Re");

    Relay relay = start(policy(true, NO_PLAIN, 0), site());

    assertThat(relay.status().cacheDamaged()).isEqualTo(1);
    assertThat(data).doesNotExist();
  }

  @Test
  void tunnel_toASiteOfItsSiteList_carriesBytesOverMutualTls() throws Exception {
    EchoSite site = site();
    Relay relay = start(policy(false, NO_PLAIN, 0), site);

    try (Socket tunnel = agentSocket(relay.tlsAddress())) {
      assertThat(connect(tunnel, site.endpoint())).startsWith("HTTP/1.1 200");
      assertThat(echo(tunnel, "hello through the relay")).isEqualTo("hello through the relay");
      assertThat(relay.status().openTunnels()).isEqualTo(1);
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> relay.status().openTunnels() == 0);
  }

  @Test
  void tunnel_toASiteNotInItsSiteList_isRefused() throws Exception {
    EchoSite listed = site();
    EchoSite other = site();
    Relay relay = start(policy(false, NO_PLAIN, 0), listed);

    try (Socket tunnel = agentSocket(relay.tlsAddress())) {
      assertThat(connect(tunnel, other.endpoint())).startsWith("HTTP/1.1 403");
    }
  }

  @Test
  void plainProxy_openedByThePolicy_servesTheNetworksItNames() throws Exception {
    EchoSite site = site();
    PlainProxyPolicy plain = new PlainProxyPolicy(true, 0, List.of(Cidr.parse("127.0.0.0/8")));
    Relay relay = start(policy(false, plain, 0), site);

    try (Socket tunnel = new Socket()) {
      tunnel.connect(relay.plainAddress().orElseThrow(), 5_000);
      tunnel.setSoTimeout(10_000);
      assertThat(connect(tunnel, site.endpoint())).startsWith("HTTP/1.1 200");
      assertThat(echo(tunnel, "plain")).isEqualTo("plain");
    }
  }

  @Test
  void discovery_siteCut_relayFallsSilent() throws Exception {
    EchoSite site = site();
    Relay relay = start(policy(false, NO_PLAIN, 0), site);
    awaitOffers(relay);

    site.close();

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> discover(relay.discoveryAddress()).isEmpty());
    assertThat(relay.status().upstreamReachable()).isFalse();
  }

  @Test
  void discovery_hostOnBattery_relayFallsSilentUntilPluggedIn() throws Exception {
    EchoSite site = site();
    Path power = dir.resolve("power_supply");
    powerSupply(power.resolve("BAT0"), "Battery", "status", "Discharging");
    powerSupply(power.resolve("AC"), "Mains", "online", "0");
    Relay relay = builder(policy(false, NO_PLAIN, 0), site).powerSupplies(power).start();
    toClose.add(relay);
    await().atMost(Duration.ofSeconds(10)).until(() -> relay.status().upstreamReachable());

    assertThat(discover(relay.discoveryAddress())).as("busy: on battery").isEmpty();

    powerSupply(power.resolve("AC"), "Mains", "online", "1");
    awaitOffers(relay); // at the next sample of the host, within five seconds
  }

  @Test
  void discovery_answerPolicyChangedLive_appliesToTheNextRequest() throws Exception {
    EchoSite site = site();
    Path power = dir.resolve("power_supply");
    powerSupply(power.resolve("BAT0"), "Battery", "status", "Discharging");
    AtomicReference<DiscoveryAnswerPolicy> answers =
        new AtomicReference<>(DiscoveryAnswerPolicy.defaults());
    Relay relay =
        builder(policy(false, NO_PLAIN, 0), site)
            .powerSupplies(power)
            .discoveryAnswers(answers::get)
            .start();
    toClose.add(relay);
    await().atMost(Duration.ofSeconds(10)).until(() -> relay.status().upstreamReachable());
    assertThat(discover(relay.discoveryAddress())).isEmpty();

    answers.set(new DiscoveryAnswerPolicy(Duration.ofMillis(100), 80, false, false));

    assertThat(discover(relay.discoveryAddress())).as("battery no longer makes it busy").hasSize(1);
  }

  @Test
  void statistics_countedTrafficAndARefusal_areReportedAndServedAsPrometheusText()
      throws Exception {
    EchoSite site = site();
    EchoSite other = site();
    Relay relay = start(policy(false, NO_PLAIN, 0, new MetricsPolicy(true, LOOPBACK, 0)), site);
    String sent = "x".repeat(10_000);

    try (Socket tunnel = agentSocket(relay.tlsAddress())) {
      assertThat(connect(tunnel, site.endpoint())).startsWith("HTTP/1.1 200");
      assertThat(echo(tunnel, sent)).isEqualTo(sent);
      assertThat(echo(tunnel, "again")).isEqualTo("again");
    }
    try (Socket refused = agentSocket(relay.tlsAddress())) {
      assertThat(connect(refused, other.endpoint())).startsWith("HTTP/1.1 403");
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> relay.statistics().tunnelsOpen() == 0);

    RelayStatistics statistics = relay.statistics();
    assertThat(statistics.tunnelsOpened()).isEqualTo(1);
    assertThat(statistics.agentsServed()).as("one agent certificate").isEqualTo(1);
    assertThat(statistics.bytesFromAgents()).isEqualTo(sent.length() + 5);
    assertThat(statistics.bytesToAgents()).isEqualTo(sent.length() + 5);
    assertThat(statistics.refused()).containsExactly(new RelayStatistics.Refused("forbidden", 1));
    InetSocketAddress metrics = relay.metricsAddress().orElseThrow();
    assertThat(metrics.getAddress().isLoopbackAddress()).isTrue();
    Map<String, Double> page = PrometheusText.parse(scrape(metrics));
    assertThat(page)
        .containsEntry("relay_tunnels_opened_total", 1.0)
        .containsEntry("relay_tunnels_open", 0.0)
        .containsEntry("relay_agents_served", 1.0)
        .containsEntry("relay_tunnel_bytes_total{direction=\"from_agents\"}", 10_005.0)
        .containsEntry("relay_tunnel_bytes_total{direction=\"to_agents\"}", 10_005.0)
        .containsEntry("relay_requests_refused_total{reason=\"forbidden\"}", 1.0)
        .containsEntry("relay_cache_saved_bytes_total", 0.0);
  }

  @Test
  void metrics_byDefault_areNotServed() throws Exception {
    Relay relay = start(policy(false, NO_PLAIN, 0), site());

    assertThat(relay.metricsAddress()).isEmpty();
  }

  private static String scrape(InetSocketAddress metrics) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://" + IpLiterals.format(metrics) + "/metrics"))
                    .timeout(Duration.ofSeconds(10))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .get()
        .asString()
        .startsWith("text/plain; version=0.0.4");
    return response.body();
  }

  private static void powerSupply(Path supply, String type, String file, String value)
      throws IOException {
    Files.createDirectories(supply);
    Files.writeString(supply.resolve("type"), type + "\n");
    Files.writeString(supply.resolve(file), value + "\n");
  }

  @Test
  void stop_withATunnelOpen_fallsSilentAndClosesTheTunnelAfterTheGrace() throws Exception {
    EchoSite site = site();
    Relay relay = start(policy(false, NO_PLAIN, 0), site);
    awaitOffers(relay);
    InetSocketAddress discovery = relay.discoveryAddress();
    Socket tunnel = agentSocket(relay.tlsAddress());
    toClose.add(tunnel);
    assertThat(connect(tunnel, site.endpoint())).startsWith("HTTP/1.1 200");

    assertThat(relay.stop(Duration.ofMillis(300))).as("tunnels cut").isEqualTo(1);

    assertThat(tunnel.getInputStream().read()).as("the tunnel is closed").isEqualTo(-1);
    assertThat(discover(discovery)).isEmpty();
    assertThatThrownBy(() -> agentSocket(relay.tlsAddress())).isInstanceOf(ConnectException.class);
    assertThat(relay.stop(Duration.ofMillis(300))).as("a second stop").isZero();
  }

  @Test
  void stop_tunnelThatEndsWithinTheGrace_isNotCut() throws Exception {
    EchoSite site = site();
    Relay relay = start(policy(false, NO_PLAIN, 0), site);
    Socket tunnel = agentSocket(relay.tlsAddress());
    assertThat(connect(tunnel, site.endpoint())).startsWith("HTTP/1.1 200");

    CompletableFuture<Integer> cut =
        CompletableFuture.supplyAsync(() -> relay.stop(Duration.ofSeconds(20)));
    Thread.sleep(200);
    assertThat(cut).as("still draining").isNotDone();
    tunnel.close();

    assertThat(cut.get(10, TimeUnit.SECONDS)).isZero();
  }

  @Test
  void start_cacheOnWithoutADirectory_isRefused() {
    RelayBuilder builder =
        Relay.builder(policy(true, NO_PLAIN, 0), relayMaterial(), () -> siteLists())
            .bindAddress(LOOPBACK);

    assertThatThrownBy(builder::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cacheDirectory");
  }

  @Test
  void start_discoveryPortTaken_failsAndStopsWhatItHadStarted() throws Exception {
    EchoSite site = site();
    try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
      RelayBuilder builder =
          builder(policy(true, NO_PLAIN, taken.getLocalPort()), site).cacheDirectory(dir);

      assertThatThrownBy(builder::start).isInstanceOf(BindException.class);
    }
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(relayThreads()).isEmpty());
  }

  private EchoSite site() throws IOException {
    EchoSite site = new EchoSite();
    toClose.add(site);
    return site;
  }

  private Relay start(Policy policy, EchoSite site) throws Exception {
    Relay relay = builder(policy, site).cacheDirectory(dir.resolve("cache")).start();
    toClose.add(relay);
    return relay;
  }

  private RelayBuilder builder(Policy policy, EchoSite site) {
    return Relay.builder(policy, relayMaterial(), () -> siteLists(site.endpoint()))
        .bindAddress(LOOPBACK)
        .probeInterval(Duration.ofMillis(100))
        .probeTimeout(Duration.ofMillis(500));
  }

  /** A relay policy with ephemeral ports, a limit of 8 tunnels and a 1 MiB cache. */
  private static Policy policy(boolean cache, PlainProxyPolicy plain, int discoveryPort) {
    return policy(cache, plain, discoveryPort, MetricsPolicy.defaults());
  }

  private static Policy policy(
      boolean cache, PlainProxyPolicy plain, int discoveryPort, MetricsPolicy metrics) {
    Policy defaults = Policy.defaults();
    RelayClientPolicy client = defaults.relayClient();
    return new Policy(
        defaults.asciInterval(),
        new RelayServerPolicy(
            true,
            0,
            8,
            Duration.ofSeconds(30),
            new ContentCachePolicy(cache, 1),
            plain,
            DiscoveryAnswerPolicy.defaults(),
            metrics),
        new RelayClientPolicy(
            true,
            discoveryPort,
            client.multicastGroup(),
            client.collectWindow(),
            client.cachedRelays(),
            client.cacheExpiryAscis(),
            InterfaceSelection.defaults(),
            List.of()),
        ProxyPolicy.defaults(),
        EventQueuePolicy.defaults(),
        TrustPolicy.defaults());
  }

  private TrustMaterial relayMaterial() {
    return TrustMaterial.of(
        List.of(ca.certificate()),
        ca.issue(IssueRequest.of(Role.RELAY, "relay-7")),
        List.of(),
        null);
  }

  private Socket agentSocket(InetSocketAddress relay) throws IOException {
    TrustMaterial agent =
        TrustMaterial.of(
            List.of(ca.certificate()),
            ca.issue(IssueRequest.of(Role.AGENT, "agent-1")),
            List.of(),
            null);
    Socket socket =
        TlsContexts.forJdkClient(agent, Role.RELAY).context().getSocketFactory().createSocket();
    socket.connect(relay, 5_000);
    socket.setSoTimeout(10_000);
    return socket;
  }

  /** Waits for the relay's first probe to succeed; returns the offers of the round that saw it. */
  private List<KnownRelay> awaitOffers(Relay relay) {
    List<List<KnownRelay>> round = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              round.add(0, discover(relay.discoveryAddress()));
              return !round.get(0).isEmpty();
            });
    return round.get(0);
  }

  private List<KnownRelay> discover(InetSocketAddress relay) throws Exception {
    TrustMaterial agentTrust = TrustMaterial.of(List.of(ca.certificate()), null, List.of(), null);
    try (OfferVerifier verifier =
        new OfferVerifier(
            new TrustOfferAuthenticator(
                new SignatureVerifier(new ChainVerifier(agentTrust, Clock.systemUTC()))))) {
      DiscoveryClient client =
          new DiscoveryClient(agentGroup, "agent-1", verifier, Clock.systemUTC(), null);
      InetSocketAddress target = new InetSocketAddress(LOOPBACK, relay.getPort());
      return client
          .discover(List.of(target), Duration.ofMillis(50), Duration.ofMillis(500), r -> {})
          .get(5, TimeUnit.SECONDS)
          .relays();
    }
  }

  /** Sends {@code CONNECT target} and returns the answer's head. */
  private static String connect(Socket socket, String target) throws IOException {
    String request = "CONNECT " + target + " HTTP/1.1\r\nHost: " + target + "\r\n\r\n";
    socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().flush();
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      int b = socket.getInputStream().read();
      if (b < 0) {
        break;
      }
      head.write(b);
    }
    return head.toString(StandardCharsets.US_ASCII);
  }

  private static String echo(Socket socket, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    socket.getOutputStream().write(bytes);
    socket.getOutputStream().flush();
    return new String(socket.getInputStream().readNBytes(bytes.length), StandardCharsets.UTF_8);
  }

  private static SiteLists siteLists(String... endpoints) {
    StringBuilder xml =
        new StringBuilder("<ns:SiteLists xmlns:ns='naSiteList'><SiteList Default='1' Name='t'>");
    for (int i = 0; i < endpoints.length; i++) {
      xml.append(
          "<SpipeSite Name='site%d' Order='%d' Server='%s' Enabled='1'/>"
              .formatted(i, i + 1, endpoints[i]));
    }
    xml.append("</SiteList></ns:SiteLists>");
    try {
      return SiteListReader.parse("test", xml.toString().getBytes(StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Live threads a relay starts: its probe, tunnel loops and lookups, discovery loop, offer
   * signers, host load sampler, cache.
   */
  private static List<String> relayThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(
            name ->
                name.startsWith("upstream-probe")
                    || name.startsWith("tunnel-")
                    || name.startsWith("relay-discovery")
                    || name.startsWith("relay-offer-")
                    || name.startsWith("relay-host-load")
                    || name.startsWith("content-cache"))
        .toList();
  }
}
