package io.relayagent.trust;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The cause a person is shown for a failed TLS connection, over real TLS with each engine: never
 * BoringSSL's "General OpenSslEngine problem", always what was wrong.
 */
class TlsFailuresTest {
  private static final String GENERIC = "General OpenSslEngine problem";

  @TempDir Path dir;
  private LoopbackPki pki;

  @BeforeEach
  void issueCertificates() throws Exception {
    pki = TestHosts.all(dir);
  }

  @ParameterizedTest
  @MethodSource("io.relayagent.trust.TlsTestbed#providers")
  void describe_relayDialledAtAnAddressItsCertificateLacks_namesTheMissingIpSan(
      SslProvider provider) throws Exception {
    SslContext relay =
        TlsContexts.forServer(pki.material("relay-1"), Role.AGENT, Clock.systemUTC(), provider);
    SslContext agent =
        TlsContexts.forClient(pki.material("agent-1"), Role.RELAY, Clock.systemUTC(), provider);
    try (TlsTestbed bed = new TlsTestbed()) {
      TlsTestbed.EchoServer server = bed.echoServer(relay);
      // 127.0.0.2 reaches the same loopback listener; the certificate names 127.0.0.1 only.
      TlsTestbed.Client client =
          bed.connect(
              server.port(),
              ch -> TlsContexts.newClientHandler(agent, ch.alloc(), "127.0.0.2", server.port()));
      Throwable failure = client.handshake().failure();

      assertThat(TlsFailures.describe(failure))
          .hasValue(
              "certificate \"CN=relay-1,O=Relay Agent Tests\" refused: has no IP SAN 127.0.0.2"
                  + " (its subject alternative names: DNS:localhost, IP:127.0.0.1)");
    }
  }

  @ParameterizedTest
  @MethodSource("io.relayagent.trust.TlsTestbed#providers")
  void describe_relayRefusesTheAgentsExpiredCertificate_namesTheAlert(SslProvider provider)
      throws Exception {
    Instant issued = Instant.now().minus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);
    Credential expired =
        pki.authority()
            .issue(
                IssueRequest.of(Role.AGENT, "agent-old")
                    .withNotBefore(issued)
                    .withValidity(Duration.ofDays(2)));
    SslContext relay =
        TlsContexts.forServer(pki.material("relay-1"), Role.AGENT, Clock.systemUTC(), provider);
    SslContext agent =
        TlsContexts.forClient(
            TrustMaterial.of(List.of(pki.authority().certificate()), expired, List.of(), null),
            Role.RELAY,
            Clock.systemUTC(),
            provider);
    try (TlsTestbed bed = new TlsTestbed()) {
      TlsTestbed.EchoServer server = bed.echoServer(relay);
      TlsTestbed.Client client = bed.connect(server.port(), ch -> agent.newHandler(ch.alloc()));
      // In TLS 1.3 the client's handshake ends before the server checks its certificate: the
      // refusal arrives as an alert on the first read.
      Throwable failure = client.handshake().failure();
      if (failure == null) {
        try {
          client.exchange("hello");
        } catch (ExecutionException e) {
          failure = e;
        }
      }

      assertThat(failure).isNotNull();
      assertThat(TlsFailures.describe(failure))
          .hasValueSatisfying(
              cause ->
                  assertThat(cause)
                      .matches(
                          "the peer (refused this host's certificate|ended the handshake)"
                              + " \\(TLS alert [a-z_]+\\)")
                      .doesNotContain(GENERIC));
    }
  }

  @ParameterizedTest
  @MethodSource("io.relayagent.trust.TlsTestbed#providers")
  void describe_peerAnswersInPlainHttp_saysItDoesNotSpeakTls(SslProvider provider)
      throws Exception {
    SslContext agent =
        TlsContexts.forClient(pki.material("agent-1"), Role.RELAY, Clock.systemUTC(), provider);
    try (ServerSocket plain = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        TlsTestbed bed = new TlsTestbed()) {
      Thread answerer = new Thread(() -> answerInPlainHttp(plain));
      answerer.setDaemon(true);
      answerer.start();
      TlsTestbed.Client client =
          bed.connect(plain.getLocalPort(), ch -> agent.newHandler(ch.alloc()));

      assertThat(TlsFailures.describe(client.handshake().failure()))
          .hasValue("the peer does not speak TLS");
    }
  }

  @Test
  void describe_failureBeforeTls_isEmpty() {
    assertThat(TlsFailures.describe(new ConnectException("Connection refused"))).isEmpty();
    assertThat(TlsFailures.describe(new IOException("x", new ConnectException("y")))).isEmpty();
  }

  @Test
  void describe_alertsInEitherEnginesWords_areNamedAlike() {
    assertThat(
            TlsFailures.describe(
                new javax.net.ssl.SSLHandshakeException("Received fatal alert: bad_certificate")))
        .hasValue("the peer refused this host's certificate (TLS alert bad_certificate)");
    assertThat(
            TlsFailures.describe(
                new javax.net.ssl.SSLException(
                    "error:10000412:SSL routines:OPENSSL_internal:SSLV3_ALERT_BAD_CERTIFICATE")))
        .hasValue("the peer refused this host's certificate (TLS alert bad_certificate)");
    assertThat(
            TlsFailures.describe(
                new javax.net.ssl.SSLException(
                    "error:10000410:SSL routines:OPENSSL_internal:SSLV3_ALERT_HANDSHAKE_FAILURE")))
        .hasValue("the peer ended the handshake (TLS alert handshake_failure)");
  }

  /** Reads the ClientHello and answers it as a plain HTTP server would. */
  private static void answerInPlainHttp(ServerSocket server) {
    try (Socket socket = server.accept()) {
      socket.getInputStream().read(new byte[512]);
      OutputStream out = socket.getOutputStream();
      out.write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      Thread.sleep(500);
    } catch (IOException | InterruptedException e) {
      // The test has seen what it needed, or failed on its own.
    }
  }
}
