package io.relayagent.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Real TLS over loopback for each pair of roles that talk, with each TLS engine available. */
class TlsHandshakeTest {
  @TempDir Path dir;
  private LoopbackPki pki;

  @BeforeEach
  void issueCertificates() throws Exception {
    pki = TestHosts.all(dir);
  }

  @Test
  void boringSsl_isAvailableHere_soTheFastEngineIsTheDefault() {
    assertThat(OpenSsl.isAvailable()).as("netty-tcnative loads on this platform").isTrue();
    assertThat(TlsContexts.provider()).isEqualTo(SslProvider.OPENSSL);
  }

  @ParameterizedTest
  @MethodSource("io.relayagent.trust.TlsTestbed#providers")
  void agentToRelay_mutualTls_eachSideSeesTheOther_withoutTheRootBothTrust(SslProvider provider)
      throws Exception {
    // The files hold each chain with its root (as `cert issue` writes them) ...
    assertThat(pki.material("agent-1").identity().orElseThrow().chain()).hasSize(2);
    SslContext relay = server("relay-1", Role.AGENT, provider);
    SslContext agent = client("agent-1", Role.RELAY, provider);
    try (TlsTestbed bed = new TlsTestbed()) {
      TlsTestbed.EchoServer server = bed.echoServer(relay);
      TlsTestbed.Client client = bed.connect(server.port(), ch -> agent.newHandler(ch.alloc()));

      Outcome agentSide = client.handshake();
      assertThat(agentSide.succeeded()).as(agentSide.failureMessages()).isTrue();
      assertThat(agentSide.peerSubject()).startsWith("CN=relay-1");
      Outcome relaySide = server.nextHandshake();
      assertThat(relaySide.peerSubject()).startsWith("CN=agent-1");
      // ... and each side receives, and keeps for the connection, the other's certificate alone.
      assertThat(agentSide.session().getPeerCertificates()).hasSize(1);
      assertThat(relaySide.session().getPeerCertificates()).hasSize(1);
      assertThat(agentSide.session().getProtocol()).isEqualTo("TLSv1.3");
      assertThat(client.exchange("hello relay")).isEqualTo("hello relay");
    }
  }

  @ParameterizedTest
  @MethodSource("io.relayagent.trust.TlsTestbed#providers")
  void relayToServer_relayProvesItselfAsClient_andChecksTheServerName(SslProvider provider)
      throws Exception {
    SslContext mgmt = server("mgmt", Role.AGENT, provider);
    SslContext relay = client("relay-1", Role.SERVER, provider);
    try (TlsTestbed bed = new TlsTestbed()) {
      TlsTestbed.EchoServer server = bed.echoServer(mgmt);
      TlsTestbed.Client client =
          bed.connect(
              server.port(),
              ch ->
                  TlsContexts.newClientHandler(relay, ch.alloc(), LoopbackPki.HOST, server.port()));

      Outcome relaySide = client.handshake();
      assertThat(relaySide.succeeded()).as(relaySide.failureMessages()).isTrue();
      assertThat(relaySide.peerSubject()).startsWith("CN=mgmt");
      assertThat(server.nextHandshake().peerSubject()).startsWith("CN=relay-1");
      assertThat(client.exchange("status")).isEqualTo("status");
    }
  }

  @ParameterizedTest
  @MethodSource("io.relayagent.trust.TlsTestbed#providers")
  void agentToServerThroughRelay_innerTlsRunsEndToEnd_andTheRelaySeesOnlyCiphertext(
      SslProvider provider) throws Exception {
    SslContext mgmt = server("mgmt", Role.AGENT, provider);
    SslContext relay = server("relay-1", Role.AGENT, provider);
    SslContext agentToRelay = client("agent-1", Role.RELAY, provider);
    SslContext agentToServer = client("agent-1", Role.SERVER, provider);
    ByteArrayOutputStream relaySaw = new ByteArrayOutputStream();
    try (TlsTestbed bed = new TlsTestbed()) {
      TlsTestbed.EchoServer server = bed.echoServer(mgmt);
      int relayPort = bed.relay(relay, server.port(), relaySaw);
      TlsTestbed.Client client = bed.connect(relayPort, ch -> agentToRelay.newHandler(ch.alloc()));
      Outcome outer = client.handshake("tls");
      assertThat(outer.succeeded()).as(outer.failureMessages()).isTrue();
      assertThat(outer.peerSubject()).startsWith("CN=relay-1");

      // The second TLS layer sits inside the first: its records travel as the relay's payload.
      SslHandler inner =
          TlsContexts.newClientHandler(
              agentToServer, client.channel.alloc(), LoopbackPki.HOST, 443);
      client.addTlsAbove("tls", "inner", inner);
      Outcome innerOutcome = client.handshake("inner");

      assertThat(innerOutcome.succeeded()).as(innerOutcome.failureMessages()).isTrue();
      assertThat(innerOutcome.peerSubject()).startsWith("CN=mgmt");
      assertThat(server.nextHandshake().peerSubject()).startsWith("CN=agent-1");
      String secret = "events for the server only";
      assertThat(client.exchange(secret)).isEqualTo(secret);
      synchronized (relaySaw) {
        assertThat(relaySaw.size()).as("the relay piped the inner TLS records").isPositive();
        assertThat(relaySaw.toString(StandardCharsets.ISO_8859_1)).doesNotContain(secret);
      }
    }
  }

  @Test
  void jdkClientContext_connectsToServer_andRefusesOneDialledByAnotherName() throws Exception {
    // A server whose certificate names its address only, so that "localhost" is another name.
    pki.issue(
        IssueRequest.of(Role.SERVER, "mgmt-by-address")
            .withIpAddresses(List.of(TlsTestbed.LOOPBACK)));
    SslContext mgmt = server("mgmt-by-address", Role.AGENT, TlsContexts.provider());
    JdkClientTls tls = TlsContexts.forJdkClient(pki.material("agent-1"), Role.SERVER);
    try (TlsTestbed bed = new TlsTestbed()) {
      TlsTestbed.EchoServer server = bed.echoServer(mgmt);
      try (SSLSocket socket =
          (SSLSocket)
              tls.context().getSocketFactory().createSocket(TlsTestbed.LOOPBACK, server.port())) {
        socket.setSSLParameters(tls.parameters());
        socket.startHandshake();
        assertThat(socket.getSession().getPeerPrincipal().getName())
            .startsWith("CN=mgmt-by-address");
        socket.getOutputStream().write('x');
        assertThat(socket.getInputStream().read()).isEqualTo('x');
      }
      assertThat(server.nextHandshake().peerSubject()).startsWith("CN=agent-1");

      // Dialled by a name the certificate lacks, the same context refuses the server.
      try (SSLSocket socket =
          (SSLSocket) tls.context().getSocketFactory().createSocket("localhost", server.port())) {
        socket.setSSLParameters(tls.parameters());
        assertThatThrownBy(socket::startHandshake)
            .isInstanceOf(SSLHandshakeException.class)
            .hasMessageContaining("refused: has no DNS SAN matching \"localhost\"");
      }
    }
  }

  private SslContext server(String name, Role clientRole, SslProvider provider) throws Exception {
    return TlsContexts.forServer(pki.material(name), clientRole, Clock.systemUTC(), provider);
  }

  private SslContext client(String name, Role serverRole, SslProvider provider) throws Exception {
    return TlsContexts.forClient(pki.material(name), serverRole, Clock.systemUTC(), provider);
  }
}
