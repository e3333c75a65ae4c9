package io.relayagent.mesh.tunnel;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.relayagent.sitelist.IpLiterals;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a client connection that has neither read nor written for the policy's idle timeout. Every
 * byte of a tunnel passes through the client connection, in one direction or the other, so watching
 * it alone covers the tunnel; closing it closes the upstream side too.
 *
 * <p>A write counts when it completes: an agent that stops reading while the server sends is idle,
 * and is closed rather than held forever.
 */
final class IdleTimeoutHandler extends IdleStateHandler {

  private static final Logger log = LoggerFactory.getLogger(IdleTimeoutHandler.class);

  private final Duration timeout;

  IdleTimeoutHandler(Duration timeout) {
    super(false, 0, 0, timeout.toMillis(), TimeUnit.MILLISECONDS);
    this.timeout = timeout;
  }

  @Override
  protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent event) {
    log.debug(
        "closing {}: no traffic for {}",
        IpLiterals.format(ctx.channel().remoteAddress()),
        TunnelResponses.format(timeout));
    ctx.close();
  }
}
