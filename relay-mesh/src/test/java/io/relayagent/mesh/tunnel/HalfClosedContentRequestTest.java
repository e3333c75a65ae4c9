package io.relayagent.mesh.tunnel;

import static io.relayagent.mesh.tunnel.RelayFixture.SERVER_NAME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.relayagent.mesh.content.ContentCache;
import io.relayagent.mesh.content.ContentCacheService;
import io.relayagent.sitelist.SiteLists;
import io.relayagent.testkit.FakeUpstream;
import io.relayagent.testkit.RawClient;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression for issue 13, finding 1: a client that sends a keep-alive {@code GET /content/...} and
 * closes at once held its connection until the idle timeout, so a loop of such requests filled the
 * connection limit and every agent got 503. The relay must notice the client's half-close and let
 * the connection go once its answer is written.
 */
class HalfClosedContentRequestTest {

  private static final int REQUESTS = 40;
  private static final String REQUEST =
      "GET /content/NoSuchSite/file.zip HTTP/1.1\r\nHost: relay\r\n\r\n";

  @RegisterExtension static final LogWatch logs = new LogWatch();

  @RegisterExtension static final TunnelHosts hosts = new TunnelHosts();

  @TempDir Path temp;
  private FakeUpstream echo;
  private ContentCache cache;
  private RelayFixture relay;

  @BeforeEach
  void setUp() throws Exception {
    echo = FakeUpstream.start(FakeUpstream.Mode.ECHO);
    String site = SERVER_NAME + ":" + echo.port();
    cache =
        ContentCache.builder(temp.resolve("cache"), 1 << 20)
            .siteLists(() -> uncheckedSiteLists(site))
            .trust(hosts.pki().material(RelayFixture.RELAY))
            .connectTimeout(Duration.ofSeconds(1))
            .open();
    // The idle timeout is far longer than the test waits: only the half-close can free them.
    relay =
        RelayFixture.start(
            hosts.pki(),
            RelayFixture.settings()
                .withPlainProxy(RelayFixture.plainFor("127.0.0.0/8"))
                .withIdleTimeout(Duration.ofSeconds(60))
                .withMaxConnections(REQUESTS),
            new ContentCacheService(cache),
            site);
  }

  @AfterEach
  void tearDown() throws Exception {
    relay.close();
    cache.close();
    echo.close();
  }

  @Test
  void contentGet_plainClientClosesAfterSending_connectionIsReleased() throws Exception {
    for (int i = 0; i < REQUESTS; i++) {
      try (RawClient client = RawClient.plain(relay.plain())) {
        client.send(REQUEST);
      }
    }
    assertReleasedAndAgentServed();
  }

  @Test
  void contentGet_tlsClientClosesAfterSending_connectionIsReleased() throws Exception {
    for (int i = 0; i < REQUESTS; i++) {
      // close() sends close_notify, then FIN, as curl does.
      try (RawClient client = relay.agent()) {
        client.send(REQUEST);
      }
    }
    assertReleasedAndAgentServed();
  }

  @Test
  void contentGet_clientHalfClosesAfterSending_getsItsAnswersThenTheEnd() throws Exception {
    try (RawClient client = RawClient.plain(relay.plain())) {
      client.send(REQUEST + REQUEST);
      client.shutdownOutput();
      assertThat(client.readAnswer().status()).isEqualTo(404);
      assertThat(client.readAnswer().status()).isEqualTo(404);
      assertThat(client.closedByPeer()).isTrue();
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> relay.server.load() == 0);
  }

  private void assertReleasedAndAgentServed() throws Exception {
    await().atMost(Duration.ofSeconds(5)).until(() -> relay.server.load() == 0);
    try (RawClient agent = relay.agent()) {
      RawClient.Answer answer = agent.send(TunnelDataPathTest.connect(echo)).readAnswer(true);
      assertThat(answer.statusLine()).isEqualTo("HTTP/1.1 200 Connection established");
    }
  }

  private static SiteLists uncheckedSiteLists(String site) {
    try {
      return RelayFixture.siteLists(site);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
