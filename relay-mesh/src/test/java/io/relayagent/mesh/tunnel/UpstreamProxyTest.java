package io.relayagent.mesh.tunnel;

import static io.relayagent.mesh.tunnel.RelayFixture.SERVER_NAME;
import static org.assertj.core.api.Assertions.assertThat;

import io.relayagent.config.ProxyBypass;
import io.relayagent.config.ProxyCredentials;
import io.relayagent.config.ProxyMode;
import io.relayagent.config.ProxyPolicy;
import io.relayagent.sitelist.HostPort;
import io.relayagent.testkit.ConnectProxy;
import io.relayagent.testkit.FakeUpstream;
import io.relayagent.testkit.RawClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The relay reaching its sites through the company's HTTP proxy (the policy's manual proxy). */
class UpstreamProxyTest {

  @RegisterExtension static final LogWatch logs = new LogWatch();

  @RegisterExtension static final TunnelHosts hosts = new TunnelHosts();

  @TempDir Path dir;

  @Test
  void connect_throughHttpProxy_reachesSite() throws Exception {
    Path password = Files.writeString(dir.resolve("proxy-password"), "s3cret\n");
    try (FakeUpstream echo = FakeUpstream.start(FakeUpstream.Mode.ECHO);
        ConnectProxy proxy = ConnectProxy.start(ConnectProxy.Mode.TUNNELS, RelayFixture::resolve);
        RelayFixture relay =
            start(
                manual(proxy, Optional.of(new ProxyCredentials("relay", password)), List.of()),
                echo)) {
      // The agent's spelling; the proxy must be asked for the SiteList's canonical name.
      String spelled = "EPO.Example.Test.:" + echo.port();
      try (RawClient client = relay.agent()) {
        client.send("CONNECT " + spelled + " HTTP/1.1\r\nHost: " + spelled + "\r\n\r\n");
        assertThat(client.readAnswer().status()).isEqualTo(200);
        client.send("through the proxy");
        assertThat(new String(client.readExactly(17), StandardCharsets.US_ASCII))
            .isEqualTo("through the proxy");
      }
      assertThat(proxy.heads()).hasSize(1);
      String head = proxy.heads().get(0);
      assertThat(head).startsWith("CONNECT " + SERVER_NAME + ":" + echo.port() + " HTTP/1.1\r\n");
      String basic =
          Base64.getEncoder().encodeToString("relay:s3cret".getBytes(StandardCharsets.UTF_8));
      assertThat(head).containsIgnoringCase("proxy-authorization: Basic " + basic);
      // The proxy resolves the site; the relay looked up only the proxy's own address.
      assertThat(relay.lookups()).containsExactly("127.0.0.1");
    }
  }

  @Test
  void connect_throughHttpProxy_siteListStillApplies() throws Exception {
    try (FakeUpstream echo = FakeUpstream.start(FakeUpstream.Mode.ECHO);
        ConnectProxy proxy = ConnectProxy.start(ConnectProxy.Mode.TUNNELS, RelayFixture::resolve);
        RelayFixture relay = start(manual(proxy, Optional.empty(), List.of()), echo);
        RawClient client = relay.agent()) {
      String other = "other.example.test:" + echo.port();
      client.send("CONNECT " + other + " HTTP/1.1\r\nHost: " + other + "\r\n\r\n");
      assertThat(client.readAnswer().status()).isEqualTo(403);
      assertThat(proxy.heads()).isEmpty();
    }
  }

  @Test
  void connect_bypassedHost_goesDirect() throws Exception {
    try (FakeUpstream echo = FakeUpstream.start(FakeUpstream.Mode.ECHO);
        ConnectProxy proxy = ConnectProxy.start(ConnectProxy.Mode.TUNNELS, RelayFixture::resolve);
        RelayFixture relay =
            start(
                manual(proxy, Optional.empty(), List.of(ProxyBypass.parse("*.example.test"))),
                echo);
        RawClient client = relay.agent()) {
      client.send(TunnelDataPathTest.connect(echo));
      assertThat(client.readAnswer().status()).isEqualTo(200);
      client.send("direct");
      assertThat(client.readExactly(6)).isEqualTo("direct".getBytes(StandardCharsets.US_ASCII));
      assertThat(proxy.heads()).isEmpty();
      assertThat(relay.lookups()).containsExactly(SERVER_NAME);
    }
  }

  @Test
  void connect_proxyRefusesTunnel_gets502WithReason() throws Exception {
    try (FakeUpstream echo = FakeUpstream.start(FakeUpstream.Mode.ECHO);
        ConnectProxy proxy = ConnectProxy.start(ConnectProxy.Mode.REFUSES, RelayFixture::resolve);
        RelayFixture relay = start(manual(proxy, Optional.empty(), List.of()), echo);
        RawClient client = relay.agent()) {
      client.send(TunnelDataPathTest.connect(echo));
      RawClient.Answer answer = client.readAnswer();
      assertThat(answer.status()).isEqualTo(502);
      assertThat(answer.text())
          .startsWith("the proxy did not open a tunnel to " + SERVER_NAME + ":" + echo.port())
          .contains("403");
      assertThat(echo.accepted()).isZero();
    }
  }

  private static ProxyPolicy manual(
      ConnectProxy proxy, Optional<ProxyCredentials> credentials, List<ProxyBypass> bypass) {
    return new ProxyPolicy(
        ProxyMode.MANUAL,
        Optional.of(new HostPort("127.0.0.1", proxy.port())),
        credentials,
        bypass,
        false);
  }

  private static RelayFixture start(ProxyPolicy policy, FakeUpstream echo) throws Exception {
    return RelayFixture.start(
        hosts.pki(),
        RelayFixture.settings().withUpstreamProxy(policy),
        null,
        SERVER_NAME + ":" + echo.port());
  }
}
