package io.relayagent.mesh.tunnel;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What both ends of a {@link Tunnel} do with their channel's events. */
abstract class TunnelSideHandler extends ChannelInboundHandlerAdapter {

  private static final Logger log = LoggerFactory.getLogger(TunnelSideHandler.class);

  final Tunnel tunnel;

  TunnelSideHandler(Tunnel tunnel) {
    this.tunnel = tunnel;
  }

  /** "agent" or "upstream", for the log. */
  abstract String side();

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    tunnel.forward(ctx.channel(), msg);
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    tunnel.readComplete(ctx.channel());
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    tunnel.writabilityChanged(ctx.channel());
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event == ChannelInputShutdownEvent.INSTANCE) {
      tunnel.inputEnded(ctx.channel());
    }
    ReferenceCountUtil.release(event);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    tunnel.closed(ctx.channel());
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // Resets and broken pipes are how tunnels often end; not worth more than debug.
    log.debug("tunnel {} side {}: {}", side(), ctx.channel(), cause.toString());
    tunnel.close();
  }
}
