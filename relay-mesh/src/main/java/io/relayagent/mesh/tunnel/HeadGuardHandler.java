package io.relayagent.mesh.tunnel;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import io.relayagent.mesh.logging.CappedLog;
import io.relayagent.sitelist.IpLiterals;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stands before the HTTP decoder for a connection's first request: reads until the head is
 * complete, hands the decoder exactly the head and nothing after it, and holds back what follows (a
 * TLS ClientHello sent in the same packet as the CONNECT) until the router has decided. The decoder
 * would otherwise parse those bytes as a second request and lose them.
 *
 * <p>It also refuses heads that {@link HeadScanner} finds malformed or too long, and heads (with,
 * on the TLS listener, the handshake before them) that take longer than the head timeout: a
 * slow-loris client cannot hold a connection open by trickling bytes.
 *
 * <p>A client that ends its side (its FIN; on TLS, after {@code close_notify}) before its head is
 * complete can never complete it: its connection is closed at once rather than held until the head
 * timeout.
 */
final class HeadGuardHandler extends ChannelInboundHandlerAdapter {

  private static final Logger log = LoggerFactory.getLogger(HeadGuardHandler.class);

  /** Bytes held after the head: one read's worth is expected, more is a client not waiting. */
  private static final int MAX_HELD_AFTER_HEAD = 256 * 1024;

  private final Duration headTimeout;
  private final CappedLog handshakeLog;
  // Refusals of heads that never completed or overflowed are garbage connections' lines, as
  // failed handshakes are: they share that cap.
  private final Refusals refusals;
  private final HeadScanner scanner = new HeadScanner();
  private ChannelHandlerContext ctx;
  private ByteBuf held;
  private boolean headDone;
  private ScheduledFuture<?> timer;

  HeadGuardHandler(Duration headTimeout, CappedLog handshakeLog, TunnelCounters counters) {
    this.headTimeout = headTimeout;
    this.handshakeLog = handshakeLog;
    this.refusals = new Refusals(handshakeLog, counters);
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
    held = ctx.alloc().buffer(1024);
    if (ctx.channel().isActive()) {
      start(ctx);
    }
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    start(ctx);
    ctx.fireChannelActive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof ByteBuf bytes) || held == null) {
      ReferenceCountUtil.release(msg);
      return;
    }
    try {
      held.writeBytes(bytes);
    } finally {
      bytes.release();
    }
    if (headDone) {
      if (held.readableBytes() > MAX_HELD_AFTER_HEAD) {
        log.info(
            "closing {}: it sent over {} bytes before its tunnel opened",
            ctx.channel(),
            MAX_HELD_AFTER_HEAD);
        ctx.close();
      }
      return;
    }
    switch (scanner.scan(held)) {
      case NEED_MORE -> {}
      case MALFORMED -> {
        finishHead();
        refusals.refuse(
            ctx.channel(),
            HttpResponseStatus.FORBIDDEN,
            "malformed request head: " + scanner.problem(),
            TunnelResponses.printable(firstLine()));
      }
      case COMPLETE -> {
        finishHead();
        ByteBuf head = ctx.alloc().buffer(scanner.headLength());
        head.writeBytes(held, scanner.headLength());
        held.discardReadBytes();
        ctx.fireChannelRead(head);
      }
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    // The decoder behind gets no read-complete: with auto-read off it would ask for more reads,
    // and bytes after the head must wait here. This handler alone asks, until the head is in.
    if (!headDone) {
      ctx.read();
    }
  }

  /**
   * Passes the held bytes to the next handler (the tunnel's frontend, or the HTTP decoder for a
   * content request) and leaves the pipeline.
   */
  void passRestAndLeave() {
    ByteBuf rest = held;
    held = null;
    if (rest.isReadable()) {
      ctx.fireChannelRead(rest);
      ctx.fireChannelReadComplete();
    } else {
      rest.release();
    }
    ctx.pipeline().remove(this);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    // The FIN only: a TLS close_notify may be reported before the data that came with it.
    if (!headDone && event == ChannelInputShutdownEvent.INSTANCE) {
      finishHead();
      log.debug("closing {}: it ended its side before its request head", ctx.channel());
      ctx.close();
    }
    ctx.fireUserEventTriggered(event);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    cancelTimer();
    ctx.fireChannelInactive();
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    cancelTimer();
    if (held != null) {
      held.release();
      held = null;
    }
  }

  private void start(ChannelHandlerContext ctx) {
    if (timer == null) {
      timer =
          ctx.executor().schedule(this::timedOut, headTimeout.toMillis(), TimeUnit.MILLISECONDS);
      ctx.read();
    }
  }

  private void timedOut() {
    if (headDone || !ctx.channel().isActive()) {
      return;
    }
    headDone = true;
    SslHandler tls = ctx.pipeline().get(SslHandler.class);
    if (tls != null && !tls.handshakeFuture().isSuccess()) {
      // Nothing can be said to a client that has not finished its handshake.
      handshakeLog.warn(
          "closed {}: TLS handshake not complete within {}",
          IpLiterals.format(ctx.channel().remoteAddress()),
          TunnelResponses.format(headTimeout));
      ctx.close();
      return;
    }
    refusals.refuse(
        ctx.channel(),
        HttpResponseStatus.FORBIDDEN,
        "request head not complete within " + TunnelResponses.format(headTimeout),
        TunnelResponses.printable(firstLine()));
  }

  private void finishHead() {
    headDone = true;
    cancelTimer();
  }

  private void cancelTimer() {
    if (timer != null) {
      timer.cancel(false);
    }
  }

  private String firstLine() {
    if (held == null) {
      return "";
    }
    int length = Math.min(held.readableBytes(), 200);
    int end = held.indexOf(held.readerIndex(), held.readerIndex() + length, (byte) '\r');
    return held.toString(
        held.readerIndex(),
        (end < 0 ? held.readerIndex() + length : end) - held.readerIndex(),
        StandardCharsets.ISO_8859_1);
  }
}
