package io.relayagent.mesh.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.Promise;
import io.relayagent.mesh.EmbeddedBytes;
import io.relayagent.sitelist.HostPort;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The agent's side of CONNECT alone in an {@link EmbeddedChannel}: the request it sends, the
 * relay's answer in pieces, what it passes on after a 200, each refusal, and that every buffer the
 * relay sent is released.
 */
class ConnectHandshakeHandlerTest {

  private static final HostPort SERVER = new HostPort("epo.example.test", 443);

  private EmbeddedChannel channel;
  private EmbeddedBytes relay;
  private Promise<Void> established;

  @BeforeEach
  void open() {
    channel = new EmbeddedChannel();
    established = channel.eventLoop().newPromise();
    channel.pipeline().addLast(new ConnectHandshakeHandler(SERVER, established));
    relay = new EmbeddedBytes(channel);
  }

  @AfterEach
  void everyBufferFromTheRelayWasReleased() {
    relay.finishAndAssertReleased();
  }

  @Test
  void handlerAdded_sendsConnectForTheTargetWithItsHost() {
    ByteBuf request = channel.readOutbound();
    try {
      assertThat(request.toString(StandardCharsets.US_ASCII))
          .isEqualTo("CONNECT epo.example.test:443 HTTP/1.1\r\nHost: epo.example.test:443\r\n\r\n");
    } finally {
      request.release();
    }
  }

  @Test
  void read_200InFragments_establishesAndLeavesThePipeline() {
    relay.writeInbound("HTTP/1.1 200 Conn");
    assertThat(established.isDone()).isFalse();
    relay.writeInbound("ection established\r\n\r");
    assertThat(established.isDone()).isFalse();

    relay.writeInbound("\n");

    assertThat(established.isSuccess()).isTrue();
    assertThat(channel.pipeline().get(ConnectHandshakeHandler.class)).isNull();
    assertThat(channel.inboundMessages()).as("no tunnel bytes came").isEmpty();
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void read_tunnelBytesInTheSameReadAsThe200_arePassedOnNotDropped() {
    relay.writeInbound("HTTP/1.1 200 Connection established\r\n\r\n\u0016\u0003\u0003server hello");

    assertThat(established.isSuccess()).isTrue();
    assertThat(relay.readInbound()).isEqualTo("\u0016\u0003\u0003server hello");
  }

  @Test
  void read_contentLengthInA200_isIgnored_theBytesAfterTheHeadAreTunnelBytes() {
    relay.writeInbound("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nabcdefgh");

    assertThat(established.isSuccess()).isTrue();
    assertThat(relay.readInbound()).isEqualTo("abcdefgh");
  }

  @Test
  void read_403_failsWithTheStatusAndReasonAndCloses() {
    relay.writeInbound(
        "HTTP/1.1 403 Forbidden\r\nContent-Length: 25\r\n\r\nnot a site of this relay\n");

    assertThat(established.cause())
        .isInstanceOfSatisfying(
            RelayRefusedException.class,
            e -> {
              assertThat(e.status()).isEqualTo(403);
              assertThat(e.reason()).isEqualTo("not a site of this relay");
            })
        .hasMessage(
            "CONNECT epo.example.test:443 refused: 403 Forbidden: not a site of this relay");
    assertThat(channel.isOpen()).isFalse();
    assertThat(channel.inboundMessages()).as("nothing of a refusal is passed on").isEmpty();
  }

  @Test
  void read_502WithItsReasonInALaterRead_waitsForTheReason() {
    relay.writeInbound(
        "HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/plain\r\nContent-Length: 43\r\n\r\n");
    assertThat(established.isDone()).as("the reason is still to come").isFalse();

    relay.writeInbound("connection refused by epo.example.test:443\n");

    assertThat(established.cause())
        .isInstanceOfSatisfying(
            RelayRefusedException.class,
            e -> {
              assertThat(e.status()).isEqualTo(502);
              assertThat(e.reason()).isEqualTo("connection refused by epo.example.test:443");
            });
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void channelInactive_duringARefusalsBody_givesWhatArrived() {
    relay.writeInbound("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 400\r\n\r\nno answer from epo");

    channel.close();

    assertThat(established.cause())
        .isInstanceOfSatisfying(
            RelayRefusedException.class,
            e -> assertThat(e.reason()).isEqualTo("no answer from epo"));
  }

  @Test
  void read_refusalWithAHugeBody_keepsOneBoundedPrintableLine() {
    relay.writeInbound(
        "HTTP/1.1 403 Forbidden\r\nContent-Length: 100000\r\n\r\n"
            + "evil\u001b[2Jreason"
            + "x".repeat(2000)
            + "\nsecond line\n");

    assertThat(established.cause())
        .isInstanceOfSatisfying(
            RelayRefusedException.class,
            e ->
                assertThat(e.reason())
                    .startsWith("evil?[2Jreasonxxx")
                    .hasSize(ConnectHandshakeHandler.MAX_REASON_BYTES));
  }

  @Test
  void read_refusalWithoutContentLength_failsAtOnceWithoutAReason() {
    relay.writeInbound("HTTP/1.1 503 Service Unavailable\r\n\r\n");

    assertThat(established.cause())
        .isInstanceOfSatisfying(
            RelayRefusedException.class,
            e -> {
              assertThat(e.status()).isEqualTo(503);
              assertThat(e.reason()).isEmpty();
            })
        .hasMessage("CONNECT epo.example.test:443 refused: 503 Service Unavailable");
  }

  @Test
  void read_notAStatusLine_failsAsARefusalWithoutStatus() {
    relay.writeInbound("SSH-2.0-OpenSSH_9.6\r\n\r\n");

    assertThat(established.cause())
        .isInstanceOfSatisfying(
            RelayRefusedException.class, e -> assertThat(e.status()).isEqualTo(-1));
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void read_headWithoutEndOver8KiB_failsAndCloses() {
    relay.writeInbound("HTTP/1.1 200 OK\r\n");
    for (int i = 0; i < 10 && channel.isOpen(); i++) {
      relay.writeInbound("X-Padding: " + "p".repeat(1000) + "\r\n");
    }

    assertThat(established.cause())
        .isInstanceOf(IOException.class)
        .hasMessage("the relay's answer to CONNECT has no end of head in 8 KiB");
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void channelInactive_duringTheHead_failsNamingTheTarget() {
    relay.writeInbound("HTTP/1.1 200 Conn");

    channel.close();

    assertThat(established.cause())
        .isInstanceOf(DroppedConnectionException.class)
        .hasMessage("the relay closed the connection during CONNECT epo.example.test:443");
  }
}
