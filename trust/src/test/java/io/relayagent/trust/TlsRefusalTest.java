package io.relayagent.trust;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslProvider;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each refusal over real TLS, with each engine: the side that refuses reports our message, which
 * names the certificate and the reason.
 */
class TlsRefusalTest {
  @TempDir Path dir;
  @TempDir Path foreignDir;
  private LoopbackPki pki;

  @BeforeEach
  void issueCertificates() throws Exception {
    pki = TestHosts.all(dir);
  }

  @ParameterizedTest
  @MethodSource("io.relayagent.trust.TlsTestbed#providers")
  void handshake_expiredServerCertificate_isRefusedNamingIt(SslProvider provider) throws Exception {
    Credential expired = expired(serverRequest("old-mgmt"), Duration.ofDays(1));

    Outcome client = connectAgentTo(materialFor(expired), pki.material("agent-1"), provider);

    assertThat(client.failureMessages())
        .contains("certificate \"CN=old-mgmt,O=Relay Agent Tests\" refused: expired on ");
  }

  @ParameterizedTest
  @MethodSource("io.relayagent.trust.TlsTestbed#providers")
  void handshake_notYetValidServerCertificate_isRefusedNamingIt(SslProvider provider)
      throws Exception {
    Instant start = Instant.now().plus(Duration.ofDays(10)).truncatedTo(ChronoUnit.SECONDS);
    Credential future = pki.authority().issue(serverRequest("new-mgmt").withNotBefore(start));

    Outcome client = connectAgentTo(materialFor(future), pki.material("agent-1"), provider);

    assertThat(client.failureMessages())
        .contains("\"CN=new-mgmt,O=Relay Agent Tests\" refused: not valid before " + start);
  }

  @ParameterizedTest
  @MethodSource("io.relayagent.trust.TlsTestbed#providers")
  void handshake_serverCertificateRevokedInTheCrlFile_isRefusedNamingItAndTheFile(
      SslProvider provider) throws Exception {
    new Revocation(pki.directory()).revoke("mgmt");

    Outcome client =
        connectAgentTo(pki.material("mgmt"), TestHosts.withCrl(pki, "agent-1"), provider);

    assertThat(client.failureMessages())
        .contains(
            "\"CN=mgmt,O=Relay Agent Tests\" refused: revoked (CRL " + pki.directory().crl() + ")");
  }

  @ParameterizedTest
  @MethodSource("io.relayagent.trust.TlsTestbed#providers")
  void handshake_agentCertificatePresentedAsServer_isRefusedForItsRole(SslProvider provider)
      throws Exception {
    Outcome client = connectAgentTo(pki.material("agent-1"), pki.material("agent-1"), provider);

    assertThat(client.failureMessages())
        .contains(
            "\"CN=agent-1,O=Relay Agent Tests\" refused: lacks extended key usage serverAuth"
                + " required of a server");
  }

  @ParameterizedTest
  @MethodSource("io.relayagent.trust.TlsTestbed#providers")
  void handshake_relayCertificatePresentedAsServer_isRefused_soARelayCannotPoseAsTheServer(
      SslProvider provider) throws Exception {
    Outcome client = connectAgentTo(pki.material("relay-1"), pki.material("agent-1"), provider);

    assertThat(client.failureMessages())
        .contains("\"CN=relay-1,O=Relay Agent Tests\" refused: is the certificate of a relay");
  }

  @ParameterizedTest
  @MethodSource("io.relayagent.trust.TlsTestbed#providers")
  void handshake_serverCertificateWhereAgentCertificateIsRequired_isRefusedByTheRelay(
      SslProvider provider) throws Exception {
    SslContext relay =
        TlsContexts.forServer(pki.material("relay-1"), Role.AGENT, Clock.systemUTC(), provider);
    SslContext impostor =
        TlsContexts.forClient(pki.material("mgmt"), Role.RELAY, Clock.systemUTC(), provider);
    try (TlsTestbed bed = new TlsTestbed()) {
      TlsTestbed.EchoServer server = bed.echoServer(relay);
      bed.connect(server.port(), ch -> impostor.newHandler(ch.alloc()));

      assertThat(server.nextHandshake().failureMessages())
          .contains(
              "\"CN=mgmt,O=Relay Agent Tests\" refused: lacks extended key usage clientAuth"
                  + " required of an agent");
    }
  }

  @ParameterizedTest
  @MethodSource("io.relayagent.trust.TlsTestbed#providers")
  void handshake_expiredAgentCertificate_isRefusedByTheRelayNamingIt(SslProvider provider)
      throws Exception {
    Credential expired = expired(IssueRequest.of(Role.AGENT, "agent-old"), Duration.ofDays(2));
    SslContext relay =
        TlsContexts.forServer(pki.material("relay-1"), Role.AGENT, Clock.systemUTC(), provider);
    SslContext agent =
        TlsContexts.forClient(materialFor(expired), Role.RELAY, Clock.systemUTC(), provider);
    try (TlsTestbed bed = new TlsTestbed()) {
      TlsTestbed.EchoServer server = bed.echoServer(relay);
      bed.connect(server.port(), ch -> agent.newHandler(ch.alloc()));

      assertThat(server.nextHandshake().failureMessages())
          .contains("\"CN=agent-old,O=Relay Agent Tests\" refused: expired on ");
    }
  }

  @ParameterizedTest
  @MethodSource("io.relayagent.trust.TlsTestbed#providers")
  void handshake_serverCertificateFromForeignCa_isRefusedNamingItsIssuer(SslProvider provider)
      throws Exception {
    LoopbackPki foreign =
        LoopbackPki.create(foreignDir, "CN=Foreign CA").issue(serverRequest("mgmt"));
    TrustMaterial strangerMaterial = foreign.material("mgmt");

    Outcome client = connectAgentTo(strangerMaterial, pki.material("agent-1"), provider);

    assertThat(client.failureMessages())
        .contains("\"CN=mgmt\" refused: not issued by a trusted CA (issuer \"CN=Foreign CA\")");
  }

  @ParameterizedTest
  @MethodSource("io.relayagent.trust.TlsTestbed#providers")
  void handshake_serverCertificateForAnotherHost_isRefusedNamingTheHost(SslProvider provider)
      throws Exception {
    SslContext mgmt =
        TlsContexts.forServer(pki.material("mgmt"), Role.AGENT, Clock.systemUTC(), provider);
    SslContext agent =
        TlsContexts.forClient(pki.material("agent-1"), Role.SERVER, Clock.systemUTC(), provider);
    try (TlsTestbed bed = new TlsTestbed()) {
      TlsTestbed.EchoServer server = bed.echoServer(mgmt);
      TlsTestbed.Client client =
          bed.connect(
              server.port(),
              ch ->
                  TlsContexts.newClientHandler(
                      agent, ch.alloc(), "billing.example.test", server.port()));

      assertThat(client.handshake().failureMessages())
          .contains(
              "\"CN=mgmt,O=Relay Agent Tests\" refused: has no DNS SAN matching"
                  + " \"billing.example.test\" (its subject alternative names:"
                  + " DNS:localhost, IP:127.0.0.1)");
    }
  }

  /** Connects an agent (as client, expecting a server) to a server presenting {@code server}. */
  private static Outcome connectAgentTo(
      TrustMaterial server, TrustMaterial agent, SslProvider provider) throws Exception {
    SslContext serverContext =
        TlsContexts.forServer(server, Role.AGENT, Clock.systemUTC(), provider);
    SslContext agentContext =
        TlsContexts.forClient(agent, Role.SERVER, Clock.systemUTC(), provider);
    try (TlsTestbed bed = new TlsTestbed()) {
      TlsTestbed.EchoServer echo = bed.echoServer(serverContext);
      TlsTestbed.Client client =
          bed.connect(
              echo.port(),
              ch -> agentContext.newHandler(ch.alloc(), TlsTestbed.LOOPBACK, echo.port()));
      Outcome outcome = client.handshake();
      assertThat(outcome.succeeded()).as("the agent refused the server").isFalse();
      return outcome;
    }
  }

  /** A certificate issued 30 days ago that lasted {@code validity}: long expired now. */
  private Credential expired(IssueRequest request, Duration validity) throws Exception {
    Instant issued = Instant.now().minus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);
    return pki.authority().issue(request.withNotBefore(issued).withValidity(validity));
  }

  /** Material proving itself with {@code identity}, trusting the test CA. */
  private TrustMaterial materialFor(Credential identity) throws Exception {
    return TrustMaterial.of(List.of(pki.authority().certificate()), identity, List.of(), null);
  }

  private static IssueRequest serverRequest(String name) {
    return IssueRequest.of(Role.SERVER, name).withIpAddresses(List.of("127.0.0.1"));
  }
}
