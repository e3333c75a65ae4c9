package io.relayagent.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Bytes into and out of a handler under test in an {@link EmbeddedChannel}, as a peer would send
 * them; it keeps every buffer it wrote in, so that the test can check the handler released each
 * one.
 */
public final class EmbeddedBytes {
  private final EmbeddedChannel channel;
  private final List<ByteBuf> written = new ArrayList<>();

  public EmbeddedBytes(EmbeddedChannel channel) {
    this.channel = channel;
  }

  /** Writes {@code text} in, one byte a character, as one read. */
  public void writeInbound(String text) {
    writeInbound(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  public void writeInbound(byte[] bytes) {
    ByteBuf buf = Unpooled.copiedBuffer(bytes);
    written.add(buf);
    channel.writeInbound(buf);
  }

  /** Keeps {@code buf} to check later, without writing it. */
  public ByteBuf track(ByteBuf buf) {
    written.add(buf);
    return buf;
  }

  /** The next buffer that reached the end of the pipeline, as text; it is released. */
  public String readInbound() {
    ByteBuf buf = channel.readInbound();
    assertThat(buf).as("a buffer reached the next handler").isNotNull();
    try {
      return buf.toString(StandardCharsets.ISO_8859_1);
    } finally {
      buf.release();
    }
  }

  /** Closes the channel, drops what is left in it, and checks every buffer written was released. */
  public void finishAndAssertReleased() {
    channel.finishAndReleaseAll();
    assertThat(written).allSatisfy(buf -> assertThat(buf.refCnt()).isZero());
  }
}
