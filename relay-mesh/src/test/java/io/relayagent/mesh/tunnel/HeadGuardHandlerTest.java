package io.relayagent.mesh.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The guard in front of the HTTP decoder, alone in an {@link EmbeddedChannel}: what reaches the
 * next handler, what is held, what is refused, and that every buffer it was given is released.
 */
class HeadGuardHandlerTest {

  private static final String HEAD = "CONNECT a.test:443 HTTP/1.1\r\nHost: a.test:443\r\n\r\n";
  private static final Duration HEAD_TIMEOUT = Duration.ofSeconds(2);

  private final List<ByteBuf> sent = new ArrayList<>();
  private HeadGuardHandler guard;
  private EmbeddedChannel channel;

  @BeforeEach
  void open() {
    guard = new HeadGuardHandler(HEAD_TIMEOUT);
    channel = new EmbeddedChannel(guard);
    channel.freezeTime();
  }

  @AfterEach
  void everyBufferSentWasReleased() {
    channel.finishAndReleaseAll();
    assertThat(sent).allSatisfy(buf -> assertThat(buf.refCnt()).isZero());
  }

  @Test
  void read_headInFragments_passesTheWholeHeadOnceItIsComplete() {
    int cut = 10;
    send(HEAD.substring(0, cut));
    assertThat(channel.inboundMessages()).as("nothing before the head is complete").isEmpty();
    send(HEAD.substring(cut, HEAD.length() - 1));
    assertThat(channel.inboundMessages()).isEmpty();

    send(HEAD.substring(HEAD.length() - 1));

    assertThat(readText()).isEqualTo(HEAD);
    assertThat(channel.inboundMessages()).isEmpty();
  }

  @Test
  void read_bytesAfterTheBlankLine_areHeldThenPassedOnNotDropped() {
    send(HEAD + "\u0016\u0003\u0001hello");
    send(" more");

    assertThat(readText()).as("the decoder gets the head alone").isEqualTo(HEAD);
    assertThat(channel.inboundMessages()).as("the rest waits for the router").isEmpty();

    guard.passRestAndLeave();

    assertThat(readText()).isEqualTo("\u0016\u0003\u0001hello more");
    assertThat(channel.pipeline().get(HeadGuardHandler.class)).isNull();
  }

  @Test
  void passRestAndLeave_nothingHeld_passesNothingAndLeaves() {
    send(HEAD);
    assertThat(readText()).isEqualTo(HEAD);

    guard.passRestAndLeave();

    assertThat(channel.inboundMessages()).isEmpty();
    assertThat(channel.pipeline().get(HeadGuardHandler.class)).isNull();
  }

  @Test
  void read_malformedHead_isRefusedWith403AndClosed() {
    send("CONNECT a.test:443 HTTP/1.1\r\nHost : a.test\r\n\r\n");

    assertRefused("malformed request head: whitespace in a header name or before its colon");
    assertThat(channel.inboundMessages()).isEmpty();
  }

  @Test
  void read_requestLineOverTheLimitInFragments_isRefusedBeforeItEnds() {
    send("CONNECT ");
    for (int i = 0; i < 5 && channel.isOpen(); i++) {
      send("a".repeat(1000));
    }

    assertRefused("malformed request head: request line longer than 2048 bytes");
  }

  @Test
  void headTimeout_headIncomplete_isRefusedWith403() {
    send("CONNECT a.test:443 HTTP/1.1\r\n");

    channel.advanceTimeBy(HEAD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    channel.runScheduledPendingTasks();

    assertRefused("request head not complete within 2 s");
  }

  @Test
  void headTimeout_afterTheHead_changesNothing() {
    send(HEAD);
    assertThat(readText()).isEqualTo(HEAD);

    channel.advanceTimeBy(HEAD_TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS);
    channel.runScheduledPendingTasks();

    assertThat(channel.outboundMessages()).isEmpty();
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void read_tooMuchAfterTheHeadBeforeTheTunnelOpens_closes() {
    send(HEAD);
    assertThat(readText()).isEqualTo(HEAD);

    byte[] chunk = new byte[64 * 1024];
    for (int i = 0; i < 5 && channel.isOpen(); i++) {
      sendBytes(chunk);
    }

    assertThat(channel.isOpen()).isFalse();
    assertThat(channel.outboundMessages()).as("closed without an answer").isEmpty();
  }

  @Test
  void read_notABuffer_isReleasedAndDropped() {
    ByteBuf wrapped = Unpooled.copiedBuffer("x", StandardCharsets.US_ASCII);
    sent.add(wrapped);

    channel.writeInbound(new io.netty.buffer.DefaultByteBufHolder(wrapped));

    assertThat(channel.inboundMessages()).isEmpty();
  }

  private void send(String text) {
    sendBytes(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  private void sendBytes(byte[] bytes) {
    ByteBuf buf = Unpooled.copiedBuffer(bytes);
    sent.add(buf);
    channel.writeInbound(buf);
  }

  private String readText() {
    ByteBuf buf = channel.readInbound();
    assertThat(buf).as("a buffer reached the next handler").isNotNull();
    try {
      return buf.toString(StandardCharsets.ISO_8859_1);
    } finally {
      buf.release();
    }
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
