package io.relayagent.mesh.client;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.Promise;
import io.relayagent.sitelist.HostPort;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The client side of {@code CONNECT host:port} to a relay: sends the request, reads the response
 * head (at most 8 KiB), and on 200 removes itself, passing on any bytes that came after the head. A
 * {@code Content-Length} in a 2xx answer to CONNECT is ignored, as RFC 9110 says.
 */
final class ConnectHandshakeHandler extends ChannelInboundHandlerAdapter {

  private static final int MAX_HEAD_BYTES = 8192;

  private final HostPort target;
  private final Promise<Void> established;
  private ByteBuf head;

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
      head.writeBytes(bytes);
    } finally {
      bytes.release();
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
      String reason = parts.length == 3 ? parts[2] : statusLine;
      fail(
          ctx,
          new RelayRefusedException(
              status, "CONNECT " + target + " refused: " + status + " " + reason));
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
    fail(ctx, new IOException("the relay closed the connection during CONNECT " + target));
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

  private void fail(ChannelHandlerContext ctx, Throwable cause) {
    if (established.tryFailure(cause)) {
      ctx.close();
    }
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
