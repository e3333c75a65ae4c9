package io.relayagent.mesh.content;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.netty.util.ReferenceCountUtil;
import io.relayagent.mesh.content.ContentException.Reason;
import io.relayagent.sitelist.IpLiterals;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one connection's content requests, in order. Requests that arrive while an answer is
 * still being written (HTTP/1.1 pipelining) wait in a short queue; a client that pipelines more
 * than {@value #MAX_QUEUED_REQUESTS} is disconnected. Request bodies mean nothing for GET and HEAD
 * and are released unread. Every lookup runs off the event loop; the answer is written back on it.
 *
 * <p>When the client ends its side (its FIN; on TLS, after {@code close_notify}) it can send no
 * further request: the connection closes once the answers to what it already asked are written, at
 * once if there are none. The listeners allow half-closure (a tunnel needs it), so without this a
 * client that sends a keep-alive request and leaves would hold its connection until the idle
 * timeout.
 */
final class ContentRequestHandler extends ChannelInboundHandlerAdapter {

  static final int MAX_QUEUED_REQUESTS = 16;
  private static final Logger log = LoggerFactory.getLogger(ContentRequestHandler.class);

  private final ContentCache cache;
  private final Queue<HttpRequest> queued = new ArrayDeque<>();
  private boolean responding;
  private boolean inputEnded;

  ContentRequestHandler(ContentCache cache) {
    this.cache = cache;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    // Files are written in chunks, with backpressure, by a ChunkedWriteHandler in front of us.
    if (ctx.pipeline().get(ChunkedWriteHandler.class) == null) {
      ctx.pipeline().addBefore(ctx.name(), null, new ChunkedWriteHandler());
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (msg instanceof HttpRequest request) {
        if (!responding) {
          handle(ctx, request);
        } else if (queued.size() < MAX_QUEUED_REQUESTS) {
          queued.add(request);
        } else {
          log.debug(
              "{} pipelined too many requests; closing",
              IpLiterals.format(ctx.channel().remoteAddress()));
          ctx.close();
        }
      }
    } finally {
      // A request's head is plain data once its content is released.
      ReferenceCountUtil.release(msg);
    }
  }

  private void handle(ChannelHandlerContext ctx, HttpRequest request) {
    responding = true;
    boolean keepAlive = HttpUtil.isKeepAlive(request) && request.decoderResult().isSuccess();
    if (request.decoderResult().isFailure()) {
      finish(ctx, error(ctx, request, HttpResponseStatus.BAD_REQUEST, "bad request", false), false);
      return;
    }
    if (!HttpMethod.GET.equals(request.method()) && !HttpMethod.HEAD.equals(request.method())) {
      HttpResponseStatus status = HttpResponseStatus.METHOD_NOT_ALLOWED;
      finish(ctx, error(ctx, request, status, "only GET and HEAD", keepAlive), keepAlive);
      return;
    }
    ContentKey key;
    try {
      key = ContentPaths.parseTarget(request.uri());
    } catch (IllegalArgumentException e) {
      HttpResponseStatus status = HttpResponseStatus.BAD_REQUEST;
      finish(ctx, error(ctx, request, status, e.getMessage(), keepAlive), keepAlive);
      return;
    }
    cache
        .open(key)
        .whenComplete(
            (file, failure) -> {
              try {
                ctx.executor().execute(() -> respond(ctx, request, keepAlive, file, failure));
              } catch (RejectedExecutionException e) {
                if (file != null) {
                  file.close();
                }
              }
            });
  }

  private void respond(
      ChannelHandlerContext ctx,
      HttpRequest request,
      boolean keepAlive,
      ContentFile file,
      Throwable failure) {
    if (!ctx.channel().isActive()) {
      if (file != null) {
        file.close();
      }
      return;
    }
    if (failure == null) {
      finish(
          ctx, ContentResponses.serve(ctx, request, file, keepAlive, cache.counters()), keepAlive);
      return;
    }
    ContentException problem = ContentException.of(failure);
    HttpResponseStatus status =
        problem.reason() == Reason.INVALID || problem.reason() == Reason.TOO_LARGE
            ? HttpResponseStatus.BAD_GATEWAY
            : HttpResponseStatus.NOT_FOUND;
    finish(ctx, error(ctx, request, status, problem.getMessage(), keepAlive), keepAlive);
  }

  /** Once the answer is written: the next queued request, or the end of the connection. */
  private void finish(ChannelHandlerContext ctx, ChannelFuture written, boolean keepAlive) {
    written.addListener(
        future -> {
          if (!future.isSuccess() || !keepAlive) {
            ctx.close();
            return;
          }
          responding = false;
          HttpRequest next = queued.poll();
          if (next != null) {
            handle(ctx, next);
          } else if (inputEnded) {
            ctx.close();
          }
        });
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    // The FIN, not TLS close_notify: Netty may report a close_notify before the application data
    // that came with it, and a client that sends close_notify sends its FIN right after.
    if (event == ChannelInputShutdownEvent.INSTANCE) {
      inputEnded = true;
      if (!responding) {
        ctx.close();
      }
    }
    ctx.fireUserEventTriggered(event);
  }

  private static ChannelFuture error(
      ChannelHandlerContext ctx,
      HttpRequest request,
      HttpResponseStatus status,
      String reason,
      boolean keepAlive) {
    log.debug("{} {}: {} {}", request.method(), request.uri(), status.code(), reason);
    return ContentResponses.error(ctx, request, status, reason, keepAlive);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    queued.clear();
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    log.debug(
        "content connection {} failed: {}",
        IpLiterals.format(ctx.channel().remoteAddress()),
        cause.toString());
    ctx.close();
  }
}
