package io.relayagent.mesh.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.relayagent.mesh.client.EnrollmentClient;
import io.relayagent.mesh.client.Route;
import io.relayagent.mesh.client.ServerChannels;
import io.relayagent.protocol.ServerPaths;
import io.relayagent.sitelist.HostPort;
import io.relayagent.testkit.RawClient;
import io.relayagent.trust.Role;
import io.relayagent.trust.TlsContexts;
import io.relayagent.trust.TrustMaterial;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A host without a certificate enrolls through a relay, and gets nothing else from it: real sockets
 * on loopback, the relay's TLS listener, a management server that records what reached it.
 */
class EnrollmentThroughRelayTest {

  @RegisterExtension static final LogWatch logs = new LogWatch();
  @RegisterExtension static final TunnelHosts hosts = new TunnelHosts();

  private static final String JSON = "{\"token\":\"t-123\",\"csr\":\"MIIB...\"}";

  private static EnrollTestServer server;

  @BeforeAll
  static void peers() throws Exception {
    server = new EnrollTestServer(hosts.pki());
  }

  @AfterAll
  static void stopPeers() {
    server.close();
  }

  @BeforeEach
  void forget() {
    server.seen.clear();
  }

  @Test
  void enroll_withoutClientCertificate_isForwardedToSiteListServer() throws Exception {
    try (RelayFixture relay = start(server.site());
        RawClient agent = withoutCertificate(relay)) {
      RawClient.Answer answer = agent.send(enrollment(JSON)).readAnswer();

      assertThat(answer.status()).isEqualTo(201);
      assertThat(answer.header("Content-Type")).isEqualTo("application/json");
      assertThat(answer.header("Connection")).isEqualTo("close");
      assertThat(answer.text()).contains("CN=" + RelayFixture.RELAY);
      assertThat(agent.closedByPeer()).isTrue();
      assertThat(server.seen)
          .singleElement()
          .satisfies(
              seen -> {
                assertThat(seen.method()).isEqualTo("POST");
                assertThat(seen.path()).isEqualTo(ServerPaths.ENROLL);
                assertThat(seen.clientSubject()).contains("CN=" + RelayFixture.RELAY);
                assertThat(seen.forwarded()).isEqualTo("for=127.0.0.1");
                assertThat(seen.body()).isEqualTo(JSON);
              });
      assertThat(logs.linesContaining("forwarded an enrollment request from 127.0.0.1"))
          .singleElement()
          .asString()
          .contains(server.site())
          .contains("201");
    }
  }

  @Test
  void enroll_firstServerUnreachable_goesToNextServerOfSiteList() throws Exception {
    int closedPort;
    try (ServerSocket probe = new ServerSocket(0, 1, RelayFixture.LOOPBACK)) {
      closedPort = probe.getLocalPort();
    }
    try (RelayFixture relay = start("127.0.0.1:" + closedPort, server.site());
        RawClient agent = withoutCertificate(relay)) {
      assertThat(agent.send(enrollment(JSON)).readAnswer().status()).isEqualTo(201);
      assertThat(server.seen).hasSize(1);
    }
  }

  @Test
  void enroll_noServerReachable_isAnswered502() throws Exception {
    int closedPort;
    try (ServerSocket probe = new ServerSocket(0, 1, RelayFixture.LOOPBACK)) {
      closedPort = probe.getLocalPort();
    }
    try (RelayFixture relay = start("127.0.0.1:" + closedPort);
        RawClient agent = withoutCertificate(relay)) {
      RawClient.Answer answer = agent.send(enrollment(JSON)).readAnswer();
      assertThat(answer.status()).isEqualTo(502);
      assertThat(answer.text()).startsWith("enrollment not forwarded: no management server");
    }
  }

  @Test
  void content_withoutClientCertificate_isRefused403() throws Exception {
    assertRefusedWithoutCertificate(
        "GET /content/site1/repository/catalog HTTP/1.1\r\nHost: r\r\n\r\n");
  }

  @Test
  void otherPath_withoutClientCertificate_isRefused403() throws Exception {
    assertRefusedWithoutCertificate(
        "POST /agent/v1/status HTTP/1.1\r\nHost: r\r\nContent-Length: 2\r\n\r\n{}");
  }

  @Test
  void enrollWithGet_withoutClientCertificate_isRefused403() throws Exception {
    assertRefusedWithoutCertificate("GET " + ServerPaths.ENROLL + " HTTP/1.1\r\nHost: r\r\n\r\n");
  }

  @Test
  void enroll_secondRequestOnConnection_isNeverServed() throws Exception {
    try (RelayFixture relay = start(server.site());
        RawClient agent = withoutCertificate(relay)) {
      agent.send(enrollment(JSON) + enrollment(JSON));
      RawClient.Answer first = agent.readAnswer();
      assertThat(first.status()).isEqualTo(201);
      assertThat(first.header("Connection")).isEqualTo("close");
      assertThat(agent.closedByPeer()).isTrue();
      assertThat(server.seen).hasSize(1);
    }
  }

  @Test
  void enroll_bodyOverLimit_isRefused413() throws Exception {
    RawClient.Answer answer =
        refusedEnrollment(
            "Content-Length: " + (EnrollmentRelay.MAX_REQUEST_BYTES + 1) + "\r\n\r\n");
    assertThat(answer.status()).isEqualTo(413);
    assertThat(answer.text()).contains("at most 16384 bytes");
  }

  @Test
  void enroll_chunkedBody_isRefused411() throws Exception {
    RawClient.Answer answer =
        refusedEnrollment("Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n");
    assertThat(answer.status()).isEqualTo(411);
  }

  @Test
  void enroll_bodyShorterThanContentLength_isRefused408AfterTimeout() throws Exception {
    RawClient.Answer answer = refusedEnrollment("Content-Length: 100\r\n\r\n{\"token\":");
    assertThat(answer.status()).isEqualTo(408);
    assertThat(answer.text()).contains("not complete within 2 s");
  }

  @Test
  void enroll_overRatePerSource_isRefused429() throws Exception {
    try (RelayFixture relay = start(server.site())) {
      for (int i = 0; i < EnrollmentRelay.PER_SOURCE_PER_MINUTE; i++) {
        try (RawClient agent = withoutCertificate(relay)) {
          assertThat(agent.send(enrollment(JSON)).readAnswer().status()).isEqualTo(201);
        }
      }
      try (RawClient agent = withoutCertificate(relay)) {
        RawClient.Answer answer = agent.send(enrollment(JSON)).readAnswer();
        assertThat(answer.status()).isEqualTo(429);
        assertThat(answer.text()).contains("at most 10 enrollment requests a minute");
      }
      assertThat(server.seen).hasSize(EnrollmentRelay.PER_SOURCE_PER_MINUTE);
    }
  }

  @Test
  void enroll_onPlainListener_isRefused403() throws Exception {
    try (RelayFixture relay =
            RelayFixture.start(
                hosts.pki(),
                RelayFixture.settings().withPlainProxy(RelayFixture.plainFor("127.0.0.0/8")),
                null,
                server.site());
        RawClient agent = RawClient.plain(relay.plain())) {
      RawClient.Answer answer = agent.send(enrollment(JSON)).readAnswer();
      assertThat(answer.status()).isEqualTo(403);
      assertThat(answer.text()).isEqualTo(RequestRouterHandler.ENROLL_NOT_PLAIN + "\n");
      assertThat(server.seen).isEmpty();
    }
  }

  @Test
  void enroll_withClientCertificate_isRefused403() throws Exception {
    try (RelayFixture relay = start(server.site());
        RawClient agent = relay.agent()) {
      RawClient.Answer answer = agent.send(enrollment(JSON)).readAnswer();
      assertThat(answer.status()).isEqualTo(403);
      assertThat(answer.text()).isEqualTo(RequestRouterHandler.ENROLL_WITH_CERTIFICATE + "\n");
      assertThat(server.seen).isEmpty();
    }
  }

  @Test
  void enrollmentClient_viaRelay_getsServerAnswer() throws Exception {
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    try (RelayFixture relay = start(server.site())) {
      EnrollmentClient.Answer answer =
          clientWithoutCertificate(group)
              .viaRelay(
                  new Route.ViaRelay(RelayFixture.RELAY, relay.tls()),
                  JSON.getBytes(StandardCharsets.UTF_8))
              .get(20, TimeUnit.SECONDS);
      assertThat(answer.status()).isEqualTo(201);
      assertThat(answer.contentType()).isEqualTo("application/json");
      assertThat(new String(answer.body(), StandardCharsets.UTF_8))
          .contains("CN=" + RelayFixture.RELAY);
      assertThat(server.seen)
          .singleElement()
          .extracting(EnrollTestServer.Seen::body)
          .isEqualTo(JSON);
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }
  }

  @Test
  void enrollmentClient_direct_presentsNoCertificate() throws Exception {
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    try {
      EnrollmentClient.Answer answer =
          clientWithoutCertificate(group)
              .direct(HostPort.parse(server.site(), 0), JSON.getBytes(StandardCharsets.UTF_8))
              .get(20, TimeUnit.SECONDS);
      assertThat(answer.status()).isEqualTo(201);
      assertThat(server.seen)
          .singleElement()
          .satisfies(
              seen -> {
                assertThat(seen.clientSubject()).isNull();
                assertThat(seen.forwarded()).isNull();
                assertThat(seen.body()).isEqualTo(JSON);
              });
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }
  }

  /** Sends an enrollment head ending in {@code rest} without a certificate; nothing may pass. */
  private RawClient.Answer refusedEnrollment(String rest) throws Exception {
    try (RelayFixture relay = start(server.site());
        RawClient agent = withoutCertificate(relay)) {
      RawClient.Answer answer =
          agent.send("POST " + ServerPaths.ENROLL + " HTTP/1.1\r\nHost: r\r\n" + rest).readAnswer();
      assertThat(server.seen).isEmpty();
      return answer;
    }
  }

  private void assertRefusedWithoutCertificate(String request) throws Exception {
    try (RelayFixture relay = start(server.site());
        RawClient agent = withoutCertificate(relay)) {
      RawClient.Answer answer = agent.send(request).readAnswer();
      assertThat(answer.status()).isEqualTo(403);
      assertThat(answer.text()).isEqualTo(RequestRouterHandler.NO_CERTIFICATE + "\n");
      assertThat(agent.closedByPeer()).isTrue();
      assertThat(server.seen).isEmpty();
    }
  }

  private static EnrollmentClient clientWithoutCertificate(EventLoopGroup group) throws Exception {
    TrustMaterial trustOnly = hosts.pki().trustOnly();
    return new EnrollmentClient(
        new ServerChannels(
            group,
            TlsContexts.forClient(trustOnly, Role.RELAY),
            TlsContexts.forClient(trustOnly, Role.SERVER),
            Duration.ofSeconds(5)),
        Duration.ofSeconds(10));
  }

  private static RelayFixture start(String... sites) throws Exception {
    return RelayFixture.start(hosts.pki(), RelayFixture.settings(), null, sites);
  }

  private static RawClient withoutCertificate(RelayFixture relay) throws Exception {
    return relay.connect(RelayFixture.toRelay(hosts.pki().trustOnly()));
  }

  private static String enrollment(String json) {
    return "POST "
        + ServerPaths.ENROLL
        + " HTTP/1.1\r\nHost: relay\r\nContent-Type: application/json\r\nContent-Length: "
        + json.getBytes(StandardCharsets.UTF_8).length
        + "\r\n\r\n"
        + json;
  }
}
