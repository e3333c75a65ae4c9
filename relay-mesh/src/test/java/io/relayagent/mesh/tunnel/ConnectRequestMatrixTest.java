package io.relayagent.mesh.tunnel;

import static io.relayagent.mesh.tunnel.RelayFixture.SERVER_NAME;
import static org.assertj.core.api.Assertions.assertThat;

import io.relayagent.testkit.FakeUpstream;
import io.relayagent.testkit.RawClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Which request heads open a tunnel on the TLS listener and which are refused: every refusal is a
 * {@code 403} with its reason, exactly one log line, a closed connection, and no connection to
 * anything upstream.
 */
class ConnectRequestMatrixTest {

  @RegisterExtension static final LogWatch logs = new LogWatch();

  @RegisterExtension static final TunnelHosts hosts = new TunnelHosts();
  private static FakeUpstream upstream;
  private static String site;
  private RelayFixture relay;

  @BeforeAll
  static void peers() throws Exception {
    upstream = FakeUpstream.start(FakeUpstream.Mode.ECHO);
    site = SERVER_NAME + ":" + upstream.port();
  }

  @AfterAll
  static void stopPeers() throws Exception {
    upstream.close();
  }

  @BeforeEach
  void startRelay() throws Exception {
    relay = RelayFixture.start(hosts.pki(), RelayFixture.settings(), null, site);
  }

  @AfterEach
  void stopRelay() throws Exception {
    relay.close();
  }

  @Test
  void connect_listedSite_isEstablished() throws Exception {
    assertEstablished(connect(site));
  }

  @Test
  void connect_upperCaseAndTrailingDot_reachesListedSiteByItsCanonicalName() throws Exception {
    assertEstablished(connect("EPO.Example.TEST.:" + upstream.port()));
    // The relay looked up the SiteList's name, never the agent's spelling of it.
    assertThat(relay.lookups()).containsExactly(SERVER_NAME);
  }

  @Test
  void connect_listedIpLiteral_isEstablished() throws Exception {
    relay.updateSites("127.0.0.1:" + upstream.port());
    assertEstablished(connect("127.0.0.1:" + upstream.port()));
  }

  @Test
  void connect_hostNotInSiteList_isRefused() throws Exception {
    assertRefused(connect("other.example.test:" + upstream.port()), "not a site of this relay");
  }

  @Test
  void connect_otherPortOfListedHost_isRefused() throws Exception {
    assertRefused(connect(SERVER_NAME + ":" + (upstream.port() + 1)), "not a site of this relay");
  }

  @Test
  void connect_ipLiteralOfListedNameButNotInList_isRefused() throws Exception {
    assertRefused(connect("127.0.0.1:" + upstream.port()), "not a site of this relay");
  }

  @Test
  void connect_ipv6LiteralNotInList_isRefused() throws Exception {
    assertRefused(connect("[::1]:" + upstream.port()), "not a site of this relay");
  }

  @Test
  void connect_ipv4MappedIpv6Literal_isRefused() throws Exception {
    relay.updateSites("127.0.0.1:" + upstream.port());
    assertRefused(connect("[::ffff:7f00:1]:" + upstream.port()), "IPv4-mapped");
  }

  @Test
  void connect_ipv4InsideIpv6Literal_isRefused() throws Exception {
    relay.updateSites("127.0.0.1:" + upstream.port());
    assertRefused(connect("[::ffff:127.0.0.1]:" + upstream.port()), "IPv4 address inside");
  }

  @Test
  void connect_userinfo_isRefused() throws Exception {
    assertRefused(connect("agent:secret@" + site), "userinfo");
  }

  @Test
  void connect_absoluteUri_isRefused() throws Exception {
    assertRefused(
        "CONNECT http://" + site + "/ HTTP/1.1\r\nHost: " + site + "\r\n\r\n", "absolute-URI");
  }

  @Test
  void connect_originForm_isRefused() throws Exception {
    assertRefused("CONNECT / HTTP/1.1\r\nHost: " + site + "\r\n\r\n", "origin-form");
  }

  @Test
  void get_absoluteUri_isRefused() throws Exception {
    assertRefused(
        "GET http://" + site + "/ HTTP/1.1\r\nHost: " + site + "\r\n\r\n",
        "absolute-URI requests are not proxied");
  }

  @Test
  void otherMethod_isRefused() throws Exception {
    assertRefused(
        "POST /content/x HTTP/1.1\r\nHost: relay\r\nContent-Length: 0\r\n\r\n",
        "only CONNECT host:port and GET or HEAD");
  }

  @Test
  void connect_percentEncodedHost_isRefused() throws Exception {
    assertRefused(connect("epo%2eexample.test:" + upstream.port()), "percent-encoding");
  }

  @Test
  void connect_doubleTrailingDot_isRefused() throws Exception {
    assertRefused(connect(SERVER_NAME + "..:" + upstream.port()), "not a valid host");
  }

  @Test
  void connect_listedNameFollowedByOtherDomain_isRefused() throws Exception {
    assertRefused(
        connect(SERVER_NAME + ".attacker.test:" + upstream.port()), "not a site of this relay");
  }

  @Test
  void connect_portWithLeadingZero_isRefused() throws Exception {
    assertRefused(connect(SERVER_NAME + ":0" + upstream.port()), "not a port number");
  }

  @Test
  void connect_withoutPort_isRefused() throws Exception {
    assertRefused(connect(SERVER_NAME), "no port");
  }

  @Test
  void connect_whitespaceBeforeHeaderColon_isRefused() throws Exception {
    assertRefused(
        "CONNECT " + site + " HTTP/1.1\r\nHost : " + site + "\r\n\r\n", "before its colon");
  }

  @Test
  void connect_obsFoldedHeader_isRefused() throws Exception {
    assertRefused(
        "CONNECT " + site + " HTTP/1.1\r\nHost: " + site + "\r\nX-Note: a\r\n b\r\n\r\n",
        "obs-fold");
  }

  @Test
  void connect_duplicateHost_isRefused() throws Exception {
    assertRefused(
        "CONNECT " + site + " HTTP/1.1\r\nHost: " + site + "\r\nHost: other.test:1\r\n\r\n",
        "more than one Host");
  }

  @Test
  void connect_contentLength_isRefused() throws Exception {
    assertRefused(
        "CONNECT " + site + " HTTP/1.1\r\nHost: " + site + "\r\nContent-Length: 0\r\n\r\n",
        "Content-Length or Transfer-Encoding");
  }

  @Test
  void connect_transferEncoding_isRefused() throws Exception {
    assertRefused(
        "CONNECT "
            + site
            + " HTTP/1.1\r\nHost: "
            + site
            + "\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        "Content-Length or Transfer-Encoding");
  }

  @Test
  void connect_requestLineOver2KiB_isRefused() throws Exception {
    String longName = "a".repeat(60) + ".".repeat(1) + "b".repeat(2100);
    assertRefused(connect(longName + ":443"), "request line longer than 2048 bytes");
  }

  @Test
  void connect_headersOver8KiB_isRefused() throws Exception {
    assertRefused(
        "CONNECT "
            + site
            + " HTTP/1.1\r\nHost: "
            + site
            + "\r\nX-Pad: "
            + "p".repeat(9000)
            + "\r\n\r\n",
        "header section longer than 8192 bytes");
  }

  @Test
  void connect_bareLineFeeds_isRefused() throws Exception {
    assertRefused("CONNECT " + site + " HTTP/1.1\nHost: " + site + "\n\n", "bare LF");
  }

  @Test
  void connect_controlCharacterInHead_isRefused() throws Exception {
    assertRefused(
        "CONNECT " + site + " HTTP/1.1\r\nHost: " + site + "\u0000\r\n\r\n", "control character");
  }

  @Test
  void connect_disabledSite_isRefused() throws Exception {
    relay.updateSites("!" + site);
    assertRefused(connect(site), "not a site of this relay");
  }

  @Test
  void connect_afterSiteListUpdate_followsTheNewList() throws Exception {
    assertEstablished(connect(site));
    relay.updateSites("127.0.0.1:" + upstream.port());
    assertRefused(connect(site), "not a site of this relay");
    assertEstablished(connect("127.0.0.1:" + upstream.port()));
  }

  @Test
  void connect_slowHead_isRefusedAfterHeadTimeout() throws Exception {
    relay.close();
    relay =
        RelayFixture.start(
            hosts.pki(),
            RelayFixture.settings().withHeadTimeout(Duration.ofMillis(400)),
            null,
            site);
    try (RawClient client = relay.agent()) {
      long start = System.nanoTime();
      // A byte at a time, never finishing: the slow-loris pattern.
      for (byte b : "CONNECT ".getBytes(StandardCharsets.US_ASCII)) {
        client.send(new byte[] {b});
        Thread.sleep(40);
      }
      RawClient.Answer answer = client.readAnswer();
      assertThat(answer.status()).isEqualTo(403);
      assertThat(answer.text()).contains("request head not complete within 400 ms");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
      assertThat(client.closedByPeer()).isTrue();
    }
    assertThat(logs.linesContaining("refused 403")).hasSize(1);
  }

  @Test
  void connect_floodOfRefusedRequests_logsAtMostTheCapAndAnswersEveryOne() throws Exception {
    String head = connect("other.example.test:" + upstream.port());
    for (int i = 0; i < 100; i++) {
      try (RawClient client = relay.agent()) {
        client.send(head);
        assertThat(client.readAnswer().status()).isEqualTo(403);
      }
    }
    // One line per refusal would let any client write the relay's log at its own pace.
    assertThat(logs.linesContaining("refused 403")).hasSize(60);
  }

  private static String connect(String target) {
    return "CONNECT " + target + " HTTP/1.1\r\nHost: " + target + "\r\n\r\n";
  }

  private void assertEstablished(String head) throws Exception {
    try (RawClient client = relay.agent()) {
      client.send(head);
      RawClient.Answer answer = client.readAnswer();
      assertThat(answer.statusLine()).isEqualTo("HTTP/1.1 200 Connection established");
      assertThat(answer.head().toLowerCase()).doesNotContain("content-length", "transfer-encoding");
      client.send("ping");
      assertThat(new String(client.readExactly(4), StandardCharsets.US_ASCII)).isEqualTo("ping");
    }
  }

  private void assertRefused(String head, String reason) throws Exception {
    int acceptedBefore = upstream.accepted();
    try (RawClient client = relay.agent()) {
      client.send(head);
      RawClient.Answer answer = client.readAnswer();
      assertThat(answer.statusLine()).isEqualTo("HTTP/1.1 403 Forbidden");
      assertThat(answer.text()).contains(reason);
      assertThat(answer.head().toLowerCase()).contains("connection: close");
      assertThat(client.closedByPeer()).isTrue();
    }
    assertThat(logs.linesContaining("refused 403")).singleElement().asString().contains(reason);
    assertThat(upstream.accepted()).isEqualTo(acceptedBefore);
  }
}
