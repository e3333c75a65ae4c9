package io.relayagent.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Trust that follows its files: contexts built once from a {@link LiveTrust} apply a new CRL, a
 * renewed certificate and a newly enrolled identity to the next handshake, with each TLS engine.
 */
class LiveTrustTest {
  @TempDir Path dir;
  private LoopbackPki pki;

  @BeforeEach
  void issueCertificates() throws Exception {
    pki = TestHosts.all(dir);
  }

  private LiveTrust live(String name) throws TrustFileException {
    return LiveTrust.load(pki.files(name).withCrl(pki.directory().crl()));
  }

  @ParameterizedTest
  @MethodSource("io.relayagent.trust.TlsTestbed#providers")
  void handshake_afterCrlReplacedOnDisk_refusesTheRevokedClientWithTheSameContext(
      SslProvider provider) throws Exception {
    LiveTrust server = live("mgmt");
    SslContext serverContext =
        TlsContexts.forServer(server, Role.AGENT, Clock.systemUTC(), provider);
    SslContext agent =
        TlsContexts.forClient(pki.material("agent-1"), Role.SERVER, Clock.systemUTC(), provider);
    try (TlsTestbed bed = new TlsTestbed()) {
      TlsTestbed.EchoServer echo = bed.echoServer(serverContext);
      assertThat(served(bed, echo, agent)).isTrue();

      new Revocation(pki.directory()).revoke("agent-1");
      assertThat(server.reloadIfChanged()).isTrue();

      // Refused in the handshake, or (a session the client resumed) closed right after it.
      assertThat(served(bed, echo, agent)).isFalse();
    }
  }

  /** Whether a connection made with {@code client} is served: handshake done, echo answered. */
  private static boolean served(TlsTestbed bed, TlsTestbed.EchoServer echo, SslContext client)
      throws InterruptedException {
    TlsTestbed.Client connection = bed.connect(echo.port(), ch -> toServer(client, ch));
    if (!connection.handshake().succeeded()) {
      return false;
    }
    try {
      return connection.exchange("ping").equals("ping");
    } catch (Exception e) {
      return false;
    }
  }

  @ParameterizedTest
  @MethodSource("io.relayagent.trust.TlsTestbed#providers")
  void handshake_afterCertificateRenewed_presentsTheNewOne(SslProvider provider) throws Exception {
    LiveTrust server = live("mgmt");
    SslContext serverContext = TlsContexts.forServer(server, null, Clock.systemUTC(), provider);
    try (TlsTestbed bed = new TlsTestbed()) {
      TlsTestbed.EchoServer echo = bed.echoServer(serverContext);
      // One client context, which offers to resume its session: the server's context starts
      // afresh when its certificate changes, so no client is handed the old one.
      SslContext client = client(provider);
      BigInteger before = serialSeen(bed, echo, client);

      new Issuance(pki.directory())
          .issue(
              IssueRequest.of(Role.SERVER, "mgmt")
                  .withDnsNames(List.of(LoopbackPki.HOST))
                  .withIpAddresses(List.of(LoopbackPki.ADDRESS)),
              null,
              true);
      assertThat(server.reloadIfChanged()).isTrue();

      BigInteger after = serialSeen(bed, echo, client);
      assertThat(after).isNotEqualTo(before);
      assertThat(after)
          .isEqualTo(server.current().identity().orElseThrow().certificate().getSerialNumber());
    }
  }

  @ParameterizedTest
  @MethodSource("io.relayagent.trust.TlsTestbed#providers")
  void clientWithoutIdentity_presentsNoneUntilItIsReplacedWithOne(SslProvider provider)
      throws Exception {
    SslContext serverContext =
        TlsContexts.forServer(pki.material("mgmt"), Role.AGENT, Clock.systemUTC(), provider);
    LiveTrust agent = LiveTrust.load(TrustFiles.trusting(pki.directory().caCertificate()));
    SslContext client = TlsContexts.forClient(agent, Role.SERVER, Clock.systemUTC(), provider);
    try (TlsTestbed bed = new TlsTestbed()) {
      TlsTestbed.EchoServer echo = bed.echoServer(serverContext);
      bed.connect(echo.port(), ch -> toServer(client, ch)).handshake();
      assertThat(echo.nextHandshake().succeeded()).as("no client certificate").isFalse();

      agent.replace(pki.files("agent-1"));

      bed.connect(echo.port(), ch -> toServer(client, ch)).handshake();
      Outcome enrolled = echo.nextHandshake();
      assertThat(enrolled.succeeded()).as(enrolled.failureMessages()).isTrue();
      assertThat(enrolled.peerSubject()).startsWith("CN=agent-1");
    }
  }

  @Test
  void reloadIfChanged_unreadableCrl_keepsTheLastGoodMaterial() throws Exception {
    LiveTrust trust = live("agent-1");
    TrustMaterial before = trust.current();
    AtomicInteger changes = new AtomicInteger();
    trust.addListener(material -> changes.incrementAndGet());

    Files.writeString(pki.directory().crl(), "-----BEGIN X509 CRL-----\nnot base64\n");

    assertThat(trust.reloadIfChanged()).isFalse();
    assertThat(trust.current()).isSameAs(before);
    assertThat(changes).hasValue(0);
  }

  @Test
  void reloadIfChanged_nothingChanged_readsNothing() throws Exception {
    LiveTrust trust = live("agent-1");
    TrustMaterial before = trust.current();

    assertThat(trust.reloadIfChanged()).isFalse();
    assertThat(trust.current()).isSameAs(before);
  }

  @Test
  void replace_withBrokenFiles_throwsAndKeepsTheCurrentMaterial() throws Exception {
    LiveTrust trust = live("agent-1");
    TrustMaterial before = trust.current();

    assertThatThrownBy(
            () ->
                trust.replace(
                    pki.files("agent-1")
                        .withIdentity(
                            pki.directory().certificate("relay-1"),
                            pki.directory().privateKey("agent-1"))))
        .isInstanceOf(TrustFileException.class)
        .hasMessageContaining("does not belong");
    assertThat(trust.current()).isSameAs(before);
  }

  private SslContext client(SslProvider provider) throws Exception {
    return TlsContexts.forClient(pki.trustOnly(), Role.SERVER, Clock.systemUTC(), provider);
  }

  /** A client handler that names the server, as every client of a management server does. */
  private static SslHandler toServer(SslContext context, Channel channel) {
    return TlsContexts.newClientHandler(context, channel.alloc(), LoopbackPki.HOST, 443);
  }

  private static BigInteger serialSeen(
      TlsTestbed bed, TlsTestbed.EchoServer echo, SslContext client) throws Exception {
    Outcome outcome = bed.connect(echo.port(), ch -> toServer(client, ch)).handshake();
    assertThat(outcome.succeeded()).as(outcome.failureMessages()).isTrue();
    echo.nextHandshake();
    return ((X509Certificate) outcome.session().getPeerCertificates()[0]).getSerialNumber();
  }
}
