package io.relayagent.mesh.client;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stands right after a TLS handler until its handshake is over, and takes what a failed handshake
 * fires down the pipeline. The handshake's future already hands the failure to the caller, who says
 * it in one line with its real cause; without this handler the same exception would reach the
 * pipeline's tail, where Netty logs it as a warning with a stack trace ("An exceptionCaught() event
 * was fired, and it reached at the tail of the pipeline").
 */
final class HandshakeFailureSink extends ChannelInboundHandlerAdapter {

  private static final Logger log = LoggerFactory.getLogger(HandshakeFailureSink.class);

  private final SslHandler tls;

  HandshakeFailureSink(SslHandler tls) {
    this.tls = tls;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof SslHandshakeCompletionEvent done && done.isSuccess()) {
      ctx.pipeline().remove(this); // from now on the handlers of the exchange take failures
    }
    ctx.fireUserEventTriggered(event);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (tls.handshakeFuture().isSuccess()) {
      ctx.fireExceptionCaught(cause); // the exchange has begun: its handlers need to know
      return;
    }
    log.debug("TLS with {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
    ctx.close();
  }
}
