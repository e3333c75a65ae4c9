package io.relayagent.server.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.relayagent.sitelist.IpLiterals;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds the time a client may take to send a request, so a slow or silent client cannot hold a
 * connection: whenever the server has answered everything it was asked (and when the connection
 * opens), the next request, head and body, must arrive within the timeout. A client that sent part
 * of a request gets {@code 408}; an idle keep-alive connection is simply closed. While the server
 * is answering, the clock does not run; an {@link IdleStateEvent} (an answer that makes no progress
 * because the client stopped reading) closes the connection too, except while a long poll waits for
 * its answer.
 *
 * <p>Sits between the HTTP codec and the aggregator, so it sees request parts and final answers.
 */
final class RequestTimeoutHandler extends ChannelDuplexHandler {
  private static final Logger log = LoggerFactory.getLogger(RequestTimeoutHandler.class);

  private final long timeoutNanos;
  private ScheduledFuture<?> timer;
  private int unanswered;
  private boolean receiving;

  RequestTimeoutHandler(Duration timeout) {
    this.timeoutNanos = timeout.toNanos();
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    arm(ctx);
    super.channelActive(ctx);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (msg instanceof HttpRequest) {
      unanswered++;
      receiving = true;
    }
    if (msg instanceof LastHttpContent) {
      receiving = false;
      if (unanswered > 0) {
        cancel();
      } else {
        arm(ctx); // answered early (413 while the body still came): wait for the next request
      }
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise)
      throws Exception {
    boolean endsAnswer =
        msg instanceof FullHttpResponse full
            ? full.status().code() >= 200
            : msg instanceof LastHttpContent;
    if (endsAnswer && !promise.isVoid()) {
      promise.addListener(
          future -> {
            unanswered = Math.max(0, unanswered - 1);
            if (unanswered == 0 && !receiving && future.isSuccess()) {
              arm(ctx);
            }
          });
    }
    ctx.write(msg, promise);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt instanceof IdleStateEvent && !waiting(ctx)) {
      log.debug(
          "{}: no progress for too long; closing",
          IpLiterals.format(ctx.channel().remoteAddress()));
      ctx.close();
    }
    ctx.fireUserEventTriggered(evt);
  }

  /**
   * A long poll's wait has ended and its answer is about to be written: from here the idle guard
   * counts again, from now. The guard's period divides the hold (60 s and 180 s), so its check
   * comes due with the end of the hold; the answer's write restarts the guard's clock only once it
   * completes, and a check that ran in between found a connection neither waiting nor written to
   * for a whole period and closed it (the wake-up soak: 107 of 1,000 agents lost their connection
   * at the end of their first hold; {@code LongPollIdleGuardTest}).
   */
  static void waitEnded(Channel channel) {
    channel.attr(RequestRouter.WAITING).set(null);
    IdleStateHandler guard = channel.pipeline().get(IdleStateHandler.class);
    if (guard != null) {
      guard.resetReadTimeout();
    }
  }

  /** A long poll is silent by design: only the hold it asked for bounds it. */
  private static boolean waiting(ChannelHandlerContext ctx) {
    return ctx.channel().hasAttr(RequestRouter.WAITING)
        && ctx.channel().attr(RequestRouter.WAITING).get() != null;
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    cancel();
    super.channelInactive(ctx);
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    cancel();
  }

  private void arm(ChannelHandlerContext ctx) {
    cancel();
    timer = ctx.executor().schedule(() -> expired(ctx), timeoutNanos, TimeUnit.NANOSECONDS);
  }

  private void cancel() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }

  private void expired(ChannelHandlerContext ctx) {
    timer = null;
    if (!ctx.channel().isActive()) {
      return;
    }
    if (!receiving) {
      log.debug("{}: idle; closing", IpLiterals.format(ctx.channel().remoteAddress()));
      ctx.close();
      return;
    }
    log.debug(
        "{}: request not complete in time; 408", IpLiterals.format(ctx.channel().remoteAddress()));
    Reply.Full reply =
        Replies.error(HttpResponseStatus.REQUEST_TIMEOUT, "the request took too long to arrive");
    FullHttpResponse response = reply.response();
    response.headers().set("Connection", "close");
    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
  }
}
