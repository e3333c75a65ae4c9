package io.relayagent.mesh.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.relayagent.mesh.EmbeddedBytes;
import io.relayagent.mesh.logging.CappedLog;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The guard in front of the HTTP decoder, alone in an {@link EmbeddedChannel}: what reaches the
 * next handler, what is held, what is refused, and that every buffer it was given is released.
 */
class HeadGuardHandlerTest {

  private static final String HEAD = "CONNECT a.test:443 HTTP/1.1\r\nHost: a.test:443\r\n\r\n";
  private static final Duration HEAD_TIMEOUT = Duration.ofSeconds(2);

  private HeadGuardHandler guard;
  private EmbeddedChannel channel;
  private EmbeddedBytes bytes;

  @BeforeEach
  void open() {
    guard =
        new HeadGuardHandler(
            HEAD_TIMEOUT,
            new CappedLog(
                LoggerFactory.getLogger(HeadGuardHandlerTest.class),
                "handshake lines",
                20,
                Duration.ofMinutes(1),
                Ticker.systemTicker()),
            new TunnelCounters());
    channel = new EmbeddedChannel(guard);
    channel.freezeTime();
    bytes = new EmbeddedBytes(channel);
  }

  @AfterEach
  void everyBufferSentWasReleased() {
    bytes.finishAndAssertReleased();
  }

  @Test
  void read_headInFragments_passesTheWholeHeadOnceItIsComplete() {
    int cut = 10;
    bytes.writeInbound(HEAD.substring(0, cut));
    assertThat(channel.inboundMessages()).as("nothing before the head is complete").isEmpty();
    bytes.writeInbound(HEAD.substring(cut, HEAD.length() - 1));
    assertThat(channel.inboundMessages()).isEmpty();

    bytes.writeInbound(HEAD.substring(HEAD.length() - 1));

    assertThat(bytes.readInbound()).isEqualTo(HEAD);
    assertThat(channel.inboundMessages()).isEmpty();
  }

  @Test
  void read_bytesAfterTheBlankLine_areHeldThenPassedOnNotDropped() {
    bytes.writeInbound(HEAD + "\u0016\u0003\u0001hello");
    bytes.writeInbound(" more");

    assertThat(bytes.readInbound()).as("the decoder gets the head alone").isEqualTo(HEAD);
    assertThat(channel.inboundMessages()).as("the rest waits for the router").isEmpty();

    guard.passRestAndLeave();

    assertThat(bytes.readInbound()).isEqualTo("\u0016\u0003\u0001hello more");
    assertThat(channel.pipeline().get(HeadGuardHandler.class)).isNull();
  }

  @Test
  void passRestAndLeave_nothingHeld_passesNothingAndLeaves() {
    bytes.writeInbound(HEAD);
    assertThat(bytes.readInbound()).isEqualTo(HEAD);

    guard.passRestAndLeave();

    assertThat(channel.inboundMessages()).isEmpty();
    assertThat(channel.pipeline().get(HeadGuardHandler.class)).isNull();
  }

  @Test
  void read_malformedHead_isRefusedWith403AndClosed() {
    bytes.writeInbound("CONNECT a.test:443 HTTP/1.1\r\nHost : a.test\r\n\r\n");

    assertRefused("malformed request head: whitespace in a header name or before its colon");
    assertThat(channel.inboundMessages()).isEmpty();
  }

  @Test
  void read_requestLineOverTheLimitInFragments_isRefusedBeforeItEnds() {
    bytes.writeInbound("CONNECT ");
    for (int i = 0; i < 5 && channel.isOpen(); i++) {
      bytes.writeInbound("a".repeat(1000));
    }

    assertRefused("malformed request head: request line longer than 2048 bytes");
  }

  @Test
  void headTimeout_headIncomplete_isRefusedWith403() {
    bytes.writeInbound("CONNECT a.test:443 HTTP/1.1\r\n");

    channel.advanceTimeBy(HEAD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    channel.runScheduledPendingTasks();

    assertRefused("request head not complete within 2 s");
  }

  @Test
  void headTimeout_afterTheHead_changesNothing() {
    bytes.writeInbound(HEAD);
    assertThat(bytes.readInbound()).isEqualTo(HEAD);

    channel.advanceTimeBy(HEAD_TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS);
    channel.runScheduledPendingTasks();

    assertThat(channel.outboundMessages()).isEmpty();
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void read_tooMuchAfterTheHeadBeforeTheTunnelOpens_closes() {
    bytes.writeInbound(HEAD);
    assertThat(bytes.readInbound()).isEqualTo(HEAD);

    byte[] chunk = new byte[64 * 1024];
    for (int i = 0; i < 5 && channel.isOpen(); i++) {
      bytes.writeInbound(chunk);
    }

    assertThat(channel.isOpen()).isFalse();
    assertThat(channel.outboundMessages()).as("closed without an answer").isEmpty();
  }

  @Test
  void read_notABuffer_isReleasedAndDropped() {
    ByteBuf wrapped = bytes.track(Unpooled.copiedBuffer("x", StandardCharsets.US_ASCII));

    channel.writeInbound(new io.netty.buffer.DefaultByteBufHolder(wrapped));

    assertThat(channel.inboundMessages()).isEmpty();
  }

  private void assertRefused(String reason) {
    FullHttpResponse response = channel.readOutbound();
    assertThat(response).as("an answer was written").isNotNull();
    try {
      assertThat(response.status().code()).isEqualTo(403);
      assertThat(response.content().toString(StandardCharsets.UTF_8)).isEqualTo(reason + "\n");
      assertThat(response.headers().get("Connection")).isEqualTo("close");
    } finally {
      response.release();
    }
    assertThat(channel.isOpen()).as("closed after the answer").isFalse();
  }
}
