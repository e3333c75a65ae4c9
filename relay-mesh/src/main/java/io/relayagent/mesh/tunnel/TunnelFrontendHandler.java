package io.relayagent.mesh.tunnel;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SslCloseCompletionEvent;

/**
 * The agent's end of a tunnel. Besides a FIN, the agent may end its direction with a TLS
 * close_notify on the relay's TLS leg; both mean it will send nothing more.
 */
final class TunnelFrontendHandler extends TunnelSideHandler {

  TunnelFrontendHandler(Tunnel tunnel) {
    super(tunnel);
  }

  @Override
  String side() {
    return "agent";
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof SslCloseCompletionEvent closed && closed.isSuccess()) {
      tunnel.inputEnded(ctx.channel());
      return;
    }
    super.userEventTriggered(ctx, event);
  }
}
