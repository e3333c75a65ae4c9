package io.relayagent.mesh.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import io.netty.handler.timeout.ReadTimeoutException;
import io.relayagent.trust.CertificateRejectedException;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** How each way a relay can fail is told to its administrator: the kind, and the real cause. */
class RelayFailureTest {

  private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

  @Test
  void of_403_isRefusedWithTheRelaysReason() {
    RelayFailure failure =
        RelayFailure.of(new RelayRefusedException(403, "not in the SiteList", "x"), NOW);

    assertThat(failure.kind()).isEqualTo(RelayFailure.Kind.REFUSED);
    assertThat(failure.detail()).isEqualTo("refused 403: not in the SiteList");
    assertThat(failure.at()).isEqualTo(NOW);
  }

  @Test
  void of_502InsideAnExecutionException_isUpstreamFailedWithTheRelaysReason() {
    RelayFailure failure =
        RelayFailure.of(
            new ExecutionException(
                new RelayRefusedException(502, "connection refused by epo:443", "x")),
            NOW);

    assertThat(failure.kind()).isEqualTo(RelayFailure.Kind.UPSTREAM_FAILED);
    assertThat(failure.kind().wireName()).isEqualTo("upstream-failed");
    assertThat(failure.detail()).isEqualTo("502: connection refused by epo:443");
  }

  @Test
  void of_503_isFull() {
    assertThat(RelayFailure.of(new RelayRefusedException(503, "at its limit (64)", "x"), NOW))
        .extracting(RelayFailure::kind, RelayFailure::detail)
        .containsExactly(RelayFailure.Kind.FULL, "503: at its limit (64)");
  }

  @Test
  void of_futureTimeout_saysTheCallersStage() {
    RelayFailure failure =
        RelayFailure.of(new IOException("no connection within 10 s", new TimeoutException()), NOW);

    assertThat(failure.kind()).isEqualTo(RelayFailure.Kind.TIMED_OUT);
    assertThat(failure.detail()).isEqualTo("timed out: no connection within 10 s");
  }

  @Test
  void of_handshakeTimeout_isTimedOutNotATlsFailure() {
    assertThat(
            RelayFailure.of(
                    new SslHandshakeTimeoutException("handshake timed out after 10000ms"), NOW)
                .kind())
        .isEqualTo(RelayFailure.Kind.TIMED_OUT);
  }

  @Test
  void of_certificateRefusedBehindTheGenericEngineMessage_isTlsWithTheRealCause() {
    SSLHandshakeException engine = new SSLHandshakeException("General OpenSslEngine problem");
    engine.initCause(
        new CertificateRejectedException(
            "CN=relay-7",
            CertificateRejectedException.Reason.HOST_NAME_MISMATCH,
            "has no IP SAN 10.0.0.7 (its subject alternative names: DNS:relay-7)"));

    RelayFailure failure = RelayFailure.of(new DecoderException(engine), NOW);

    assertThat(failure.kind()).isEqualTo(RelayFailure.Kind.TLS);
    assertThat(failure.detail())
        .isEqualTo(
            "TLS failure: certificate \"CN=relay-7\" refused: has no IP SAN 10.0.0.7"
                + " (its subject alternative names: DNS:relay-7)")
        .doesNotContain("General OpenSslEngine problem");
  }

  @Test
  void of_connectionClosedDuringTheHandshake_isDropped() {
    SSLHandshakeException closed =
        new SSLHandshakeException("Connection closed while SSL/TLS handshake was in progress");
    closed.initCause(new ClosedChannelException());

    assertThat(RelayFailure.of(closed, NOW))
        .extracting(RelayFailure::kind, RelayFailure::detail)
        .containsExactly(
            RelayFailure.Kind.DROPPED, "dropped: the connection closed during the TLS handshake");
  }

  @Test
  void of_relayClosedDuringConnect_isDroppedWithItsWords() {
    assertThat(
            RelayFailure.of(
                    new DroppedConnectionException(
                        "the relay closed the connection during CONNECT epo:443"),
                    NOW)
                .detail())
        .isEqualTo("dropped: the relay closed the connection during CONNECT epo:443");
  }

  @Test
  void of_connectionRefused_isUnreachable() {
    assertThat(RelayFailure.of(new ConnectException("Connection refused"), NOW))
        .extracting(RelayFailure::kind, RelayFailure::detail)
        .containsExactly(RelayFailure.Kind.UNREACHABLE, "unreachable: Connection refused");
  }

  @Test
  void of_anythingElse_isFailedWithTheRootCause() {
    assertThat(RelayFailure.of(new IOException("outer", new IOException("inner")), NOW).detail())
        .isEqualTo("failed: inner");
  }

  @Test
  void lacksContent_404_namesTheFileAndTheRelaysReason() {
    RelayFailure failure =
        RelayFailure.lacksContent("big.dat", 404, "upstream has no such object (404)", NOW);

    assertThat(failure.kind()).isEqualTo(RelayFailure.Kind.LACKS_CONTENT);
    assertThat(failure.detail())
        .isEqualTo("lacks content: big.dat answered 404 (upstream has no such object (404))");
  }

  @Test
  void cutOff_byTheRelayClosing_isDroppedMidTransfer() {
    assertThat(RelayFailure.cutOff("big.dat", 524288, 1048576, null, NOW))
        .extracting(RelayFailure::kind, RelayFailure::detail)
        .containsExactly(
            RelayFailure.Kind.DROPPED,
            "dropped mid-transfer: big.dat after 524288 of 1048576 bytes");
  }

  @Test
  void cutOff_byAReadTimeout_isTimedOutMidTransfer() {
    assertThat(RelayFailure.cutOff("big.dat", 10, 20, ReadTimeoutException.INSTANCE, NOW).kind())
        .isEqualTo(RelayFailure.Kind.TIMED_OUT);
  }

  @Test
  void detail_fromAHostileRelay_isBounded() {
    RelayFailure failure =
        RelayFailure.of(new RelayRefusedException(403, "x".repeat(5000), "x"), NOW);

    assertThat(failure.detail()).hasSize(RelayFailure.MAX_DETAIL_CHARS);
  }
}
