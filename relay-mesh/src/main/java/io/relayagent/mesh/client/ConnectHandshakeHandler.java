package io.relayagent.mesh.client;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.Promise;
import io.relayagent.sitelist.HostPort;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The client side of {@code CONNECT host:port} to a relay: sends the request, reads the response
 * head (at most 8 KiB), and on 200 removes itself, passing on any bytes that came after the head. A
 * {@code Content-Length} in a 2xx answer to CONNECT is ignored, as RFC 9110 says.
 *
 * <p>A refusal's body is the relay's reason in one line of text (docs/tunnel-protocol.md): "not a
 * site of this relay's SiteList", "connection refused by epo:443". It is read too, up to {@link
 * #MAX_REASON_BYTES} and within its {@code Content-Length}, so that the agent can say why a relay
 * is not used, not only that it answered 502.
 */
final class ConnectHandshakeHandler extends ChannelInboundHandlerAdapter {

  private static final int MAX_HEAD_BYTES = 8192;

  /** The most of a refusal's body kept as its reason: one line, as the relay writes it. */
  static final int MAX_REASON_BYTES = 512;

  private static final Pattern CONTENT_LENGTH =
      Pattern.compile("(?im)^content-length:[ \\t]*([0-9]{1,9})[ \\t]*$");

  private final HostPort target;
  private final Promise<Void> established;
  private ByteBuf head;
  private Refusal refusal;

  /** A refusal's head, read; its body (the reason) may still be arriving. */
  private record Refusal(int status, String statusText, int bodyBytes) {}

  ConnectHandshakeHandler(HostPort target, Promise<Void> established) {
    this.target = target;
    this.established = established;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    head = ctx.alloc().buffer(256);
    String authority = target.toString();
    String request = "CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority + "\r\n\r\n";
    ctx.writeAndFlush(Unpooled.copiedBuffer(request, StandardCharsets.US_ASCII));
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ByteBuf bytes = (ByteBuf) msg;
    try {
      if (head != null) {
        head.writeBytes(bytes);
      }
    } finally {
      bytes.release();
    }
    if (head == null) {
      return; // failed already; what the relay sends on is dropped
    }
    if (refusal != null) {
      refuseWhenBodyRead(ctx, false);
      return;
    }
    int end = indexOfBlankLine(head);
    if (end < 0) {
      if (head.readableBytes() > MAX_HEAD_BYTES) {
        fail(ctx, new IOException("the relay's answer to CONNECT has no end of head in 8 KiB"));
      }
      return;
    }
    String text = head.readCharSequence(end, StandardCharsets.ISO_8859_1).toString();
    head.skipBytes(4);
    String statusLine = text.lines().findFirst().orElse("");
    String[] parts = statusLine.split(" ", 3);
    int status =
        parts.length >= 2 && parts[1].matches("[0-9]{3}") ? Integer.parseInt(parts[1]) : -1;
    if (status != 200) {
      String statusText =
          status + " " + printable(parts.length == 3 ? parts[2] : statusLine).strip();
      Matcher length = CONTENT_LENGTH.matcher(text);
      int body =
          status < 0 || !length.find()
              ? 0
              : (int) Math.min(Long.parseLong(length.group(1)), MAX_REASON_BYTES);
      refusal = new Refusal(status, statusText.strip(), body);
      refuseWhenBodyRead(ctx, false);
      return;
    }
    ByteBuf rest = head.readableBytes() > 0 ? head.retainedSlice() : null;
    head.release();
    head = null;
    ctx.pipeline().remove(this);
    established.trySuccess(null);
    if (rest != null) {
      ctx.fireChannelRead(rest);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (refusal != null && head != null) {
      refuseWhenBodyRead(ctx, true); // a reason cut short is still worth giving
    } else {
      fail(
          ctx,
          new DroppedConnectionException(
              "the relay closed the connection during CONNECT " + target));
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    fail(ctx, cause);
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    if (head != null) {
      head.release();
      head = null;
    }
  }

  /** Fails with the refusal once its body is in (or the connection ended). */
  private void refuseWhenBodyRead(ChannelHandlerContext ctx, boolean ended) {
    if (!ended && head.readableBytes() < refusal.bodyBytes()) {
      return;
    }
    int length = Math.min(head.readableBytes(), refusal.bodyBytes());
    String reason =
        printable(head.readCharSequence(length, StandardCharsets.UTF_8).toString())
            .lines()
            .map(String::strip)
            .filter(line -> !line.isEmpty())
            .findFirst()
            .orElse("");
    String message =
        "CONNECT "
            + target
            + " refused: "
            + refusal.statusText()
            + (reason.isEmpty() ? "" : ": " + reason);
    fail(ctx, new RelayRefusedException(refusal.status(), reason, message));
  }

  private void fail(ChannelHandlerContext ctx, Throwable cause) {
    if (head != null) {
      head.release();
      head = null;
    }
    if (established.tryFailure(cause)) {
      ctx.close();
    }
  }

  /** {@code text} with control characters (a hostile relay's escape sequences) made visible. */
  private static String printable(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            c -> {
              if (c == '\n' || (c >= 0x20 && c != 0x7f && !Character.isISOControl(c))) {
                out.appendCodePoint(c);
              } else if (c != '\r') {
                out.append('?');
              }
            });
    return out.toString();
  }

  private static int indexOfBlankLine(ByteBuf buf) {
    for (int i = buf.readerIndex(); i + 3 < buf.writerIndex(); i++) {
      if (buf.getByte(i) == '\r'
          && buf.getByte(i + 1) == '\n'
          && buf.getByte(i + 2) == '\r'
          && buf.getByte(i + 3) == '\n') {
        return i - buf.readerIndex();
      }
    }
    return -1;
  }
}
