package io.relayagent.trust;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.Queue;

/**
 * The test relay's data path: once its client's TLS handshake succeeds, it connects to the target
 * and pipes bytes both ways, holding what arrives before the connection is up. Everything runs on
 * the client channel's event loop, so no locking is needed.
 */
final class PipeHandler extends ChannelInboundHandlerAdapter {
  private final int targetPort;
  private final ByteArrayOutputStream seen;
  private final Queue<ByteBuf> pending = new ArrayDeque<>();
  private Channel target;

  PipeHandler(int targetPort, ByteArrayOutputStream seen) {
    this.targetPort = targetPort;
    this.seen = seen;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof SslHandshakeCompletionEvent event && event.isSuccess()) {
      Channel client = ctx.channel();
      ChannelFuture connect =
          new Bootstrap()
              .group(client.eventLoop())
              .channel(NioSocketChannel.class)
              .handler(new Backward(client))
              .connect(TlsTestbed.LOOPBACK, targetPort);
      connect.addListener(
          (ChannelFuture f) -> {
            if (!f.isSuccess()) {
              client.close();
              return;
            }
            target = f.channel();
            for (ByteBuf buf = pending.poll(); buf != null; buf = pending.poll()) {
              target.write(buf);
            }
            target.flush();
          });
    }
    ctx.fireUserEventTriggered(evt);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ByteBuf buf = (ByteBuf) msg;
    synchronized (seen) {
      seen.writeBytes(ByteBufUtil.getBytes(buf));
    }
    if (target == null) {
      pending.add(buf);
    } else {
      target.writeAndFlush(buf);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    for (ByteBuf buf = pending.poll(); buf != null; buf = pending.poll()) {
      buf.release();
    }
    if (target != null) {
      target.close();
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }

  /** Target to client. */
  private static final class Backward extends ChannelInboundHandlerAdapter {
    private final Channel client;

    Backward(Channel client) {
      this.client = client;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      client.writeAndFlush(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      client.close();
    }
  }
}
