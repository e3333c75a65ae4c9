package io.relayagent.bench.common;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * An agent's tunnel through a relay, as the benchmarks hold them: the TLS handshake, then {@code
 * CONNECT}, then the {@code 200}; the tunnel is then held as it is, sending nothing more. Reports
 * once whether the tunnel was established or why not, and later whether it closed. Goes after the
 * {@code SslHandler}; every method runs on the channel's event loop.
 */
public final class ConnectTunnelHandler extends ChannelInboundHandlerAdapter {

  /** What became of one attempt. */
  public interface Outcome {
    void established();

    void failed(String reason);

    /** An established tunnel closed (by the relay, or the connection broke). */
    void closedAfterEstablished();
  }

  private final byte[] connect;
  private final Outcome outcome;
  private final StringBuilder answer = new StringBuilder();
  private boolean done;
  private boolean tunnel;

  /**
   * @param target {@code host:port} to ask the relay for
   */
  public ConnectTunnelHandler(String target, Outcome outcome) {
    this.connect =
        ("CONNECT " + target + " HTTP/1.1\r\nHost: " + target + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    this.outcome = outcome;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof SslHandshakeCompletionEvent handshake) {
      if (handshake.isSuccess()) {
        ctx.writeAndFlush(Unpooled.wrappedBuffer(connect));
      } else {
        finish(ctx, "TLS handshake: " + handshake.cause());
      }
    }
    ctx.fireUserEventTriggered(event);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (!done && msg instanceof ByteBuf bytes) {
        answer.append(bytes.toString(StandardCharsets.ISO_8859_1));
        int end = answer.indexOf("\r\n\r\n");
        if (end >= 0) {
          String status = answer.substring(0, answer.indexOf("\r\n"));
          if (status.startsWith("HTTP/1.1 200")) {
            tunnel = true;
            finish(ctx, null);
          } else {
            finish(ctx, "answer: " + status + " " + answer.substring(end + 4).trim());
          }
        }
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (tunnel) {
      outcome.closedAfterEstablished();
    }
    finish(ctx, "closed before the answer");
  }

  /**
   * The pipeline of a tunnel through the relay at {@code relay}: TLS to the relay (with the agent's
   * certificate in {@code tls}), then this handler asking for {@code target}.
   */
  public static ChannelInitializer<SocketChannel> pipeline(
      SslContext tls, InetSocketAddress relay, String target, Supplier<Outcome> outcomes) {
    return new ChannelInitializer<>() {
      @Override
      protected void initChannel(SocketChannel channel) {
        channel
            .pipeline()
            .addLast(
                tls.newHandler(
                    channel.alloc(), relay.getAddress().getHostAddress(), relay.getPort()))
            .addLast(new ConnectTunnelHandler(target, outcomes.get()));
      }
    };
  }

  /**
   * Follows a connection attempt whose pipeline ends in a {@code ConnectTunnelHandler}: adds the
   * channel to {@code open} once connected, or reports the failure to {@code outcome} once.
   */
  public static void follow(ChannelFuture connecting, ChannelGroup open, Outcome outcome) {
    connecting.addListener(
        connected -> {
          Channel channel = connecting.channel();
          if (connected.isSuccess()) {
            open.add(channel);
            return;
          }
          ConnectTunnelHandler handler = channel.pipeline().get(ConnectTunnelHandler.class);
          if (handler != null) {
            handler.finish(null, "connect: " + connected.cause());
          } else {
            outcome.failed("connect: " + connected.cause());
          }
        });
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    finish(ctx, cause.toString());
  }

  /**
   * Ends the attempt once; on failure closes the connection ({@code ctx} is null when it never
   * opened).
   */
  private void finish(ChannelHandlerContext ctx, String failure) {
    if (done) {
      return;
    }
    done = true;
    if (failure == null) {
      outcome.established();
      return;
    }
    outcome.failed(failure);
    if (ctx != null) {
      ctx.close();
    }
  }
}
