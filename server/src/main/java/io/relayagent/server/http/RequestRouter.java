package io.relayagent.server.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import io.relayagent.protocol.ServerPaths;
import io.relayagent.sitelist.IpLiterals;
import io.relayagent.trust.ChainVerifier;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each request to the endpoint of its path, on a worker thread rather than the event loop,
 * because answering may block (an event batch is forced to disk before it is acknowledged; a
 * changed file is hashed). Each connection has one worker, so its requests are answered in order,
 * and it reads no more while one is being answered, so a client that pipelines cannot pile up
 * requests in memory.
 *
 * <p>Authentication is decided here, once: {@code /admin/} paths by the administrator's token (in
 * the admin endpoint), {@code /console/} by a browser's session cookie (in the console endpoint),
 * {@code /enroll/} by an enrollment token (in the enroll endpoint, with or without a certificate: a
 * relay forwards enrollments with its own), every other path by a client certificate, which the TLS
 * handshake verified and which is checked again here against the trust in force, so that a
 * revocation also ends resumed sessions and kept-alive connections.
 *
 * <p>A {@link Reply.Deferred} (the wake-up long poll) holds no worker: the connection waits,
 * reading on so that the client's going is noticed at once, and is answered when the answer comes.
 * A client that sends another request before that breaks HTTP's order and is disconnected.
 */
final class RequestRouter extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(RequestRouter.class);
  private static final String ENROLL_PREFIX = "/enroll/";

  /** The console's prefix without its slash, as an administrator types it. */
  private static final String CONSOLE =
      ServerPaths.CONSOLE_PREFIX.substring(0, ServerPaths.CONSOLE_PREFIX.length() - 1);

  /** Set on a connection while its request waits for a {@link Reply.Deferred}. */
  static final AttributeKey<Boolean> WAITING = AttributeKey.valueOf("relayagent.waiting");

  private final HttpsListener.Endpoints endpoints;
  private final ChainVerifier clients;
  private final InFlightRequests inFlight;
  private final Executor worker;

  RequestRouter(
      HttpsListener.Endpoints endpoints,
      ChainVerifier clients,
      InFlightRequests inFlight,
      Executor worker) {
    this.endpoints = endpoints;
    this.clients = clients;
    this.inFlight = inFlight;
    this.worker = worker;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof FullHttpRequest request)) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (ctx.channel().hasAttr(WAITING) && ctx.channel().attr(WAITING).get() != null) {
      log.debug(
          "{}: a request while a long poll waits; closing",
          IpLiterals.format(ctx.channel().remoteAddress()));
      request.release();
      ctx.close();
      return;
    }
    ctx.channel().config().setAutoRead(false);
    inFlight.begin();
    try {
      worker.execute(
          () -> {
            try {
              answer(ctx, request);
            } finally {
              request.release();
            }
          });
    } catch (RejectedExecutionException e) {
      request.release(); // stopping: the request was not answered, so nothing was acknowledged
      inFlight.end();
      ctx.close();
    }
  }

  private void answer(ChannelHandlerContext ctx, FullHttpRequest request) {
    HttpMethod method = request.method();
    boolean keepAlive = HttpUtil.isKeepAlive(request) && request.decoderResult().isSuccess();
    Reply reply;
    try {
      reply = route(ctx, request);
    } catch (HttpProblem problem) {
      reply = Replies.problem(problem);
    } catch (IOException | RuntimeException e) {
      log.error("{} {}: cannot answer", method, request.uri(), e);
      reply = Replies.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error");
    }
    if (reply instanceof Reply.Deferred deferred) {
      await(ctx, method, keepAlive, request.uri(), deferred);
      return;
    }
    log.debug(
        "{} {} {} -> {}",
        IpLiterals.format(ctx.channel().remoteAddress()),
        method,
        request.uri(),
        reply.head().status().code());
    ReplyWriter.write(ctx, method, keepAlive, reply)
        .addListener(
            done -> {
              inFlight.end();
              ctx.channel().config().setAutoRead(true);
            });
  }

  /** Waits for a deferred answer without a worker, then writes it as any other. */
  private void await(
      ChannelHandlerContext ctx,
      HttpMethod method,
      boolean keepAlive,
      String uri,
      Reply.Deferred deferred) {
    Channel channel = ctx.channel();
    ChannelFutureListener closed = f -> deferred.answer().cancel(false);
    channel
        .eventLoop()
        .execute(
            () -> {
              channel.attr(WAITING).set(Boolean.TRUE);
              channel.closeFuture().addListener(closed);
              channel.config().setAutoRead(true);
            });
    deferred
        .answer()
        .whenComplete(
            (full, failure) ->
                channel
                    .eventLoop()
                    .execute(
                        () -> {
                          channel.closeFuture().removeListener(closed);
                          RequestTimeoutHandler.waitEnded(channel);
                          if (full == null || !channel.isActive()) {
                            if (full != null) {
                              full.discard();
                            }
                            inFlight.end();
                            return;
                          }
                          channel.config().setAutoRead(false);
                          log.debug(
                              "{} {} {} -> {}",
                              IpLiterals.format(channel.remoteAddress()),
                              method,
                              uri,
                              full.head().status().code());
                          ReplyWriter.write(ctx, method, keepAlive, full)
                              .addListener(
                                  done -> {
                                    inFlight.end();
                                    channel.config().setAutoRead(true);
                                  });
                        }));
  }

  private Reply route(ChannelHandlerContext ctx, FullHttpRequest request)
      throws HttpProblem, IOException {
    if (request.decoderResult().isFailure()) {
      throw decodingProblem(request.decoderResult().cause());
    }
    String uri = request.uri();
    if (!uri.startsWith("/")) {
      throw HttpProblem.badRequest("the request target must be a path (origin-form)");
    }
    int query = uri.indexOf('?');
    String path = query < 0 ? uri : uri.substring(0, query);
    InetSocketAddress remote = (InetSocketAddress) ctx.channel().remoteAddress();
    if (path.startsWith(ServerPaths.ADMIN_PREFIX)) {
      return endpoints.admin().handle(new ApiRequest(request, path, null, remote));
    }
    if (path.startsWith(ServerPaths.CONSOLE_PREFIX) || path.equals(CONSOLE)) {
      return endpoints.console().handle(new ApiRequest(request, path, null, remote));
    }
    Optional<ClientIdentity> identity =
        ClientIdentity.of(ctx.pipeline().get(SslHandler.class), clients);
    if (path.startsWith(ENROLL_PREFIX)) {
      return endpoints
          .enroll()
          .handle(new ApiRequest(request, path, identity.orElse(null), remote));
    }
    ClientIdentity client =
        identity.orElseThrow(
            () ->
                new HttpProblem(
                    HttpResponseStatus.UNAUTHORIZED,
                    "this path needs a client certificate of an agent or a relay"));
    ApiRequest api = new ApiRequest(request, path, client, remote);
    if (path.startsWith(ServerPaths.AGENT_PREFIX)) {
      return endpoints.agent().handle(api);
    }
    if (path.startsWith(ServerPaths.REPOSITORY)) {
      return endpoints.repository().handle(api);
    }
    throw HttpProblem.notFound("no such path");
  }

  private static HttpProblem decodingProblem(Throwable cause) {
    if (cause instanceof TooLongHttpLineException) {
      return new HttpProblem(
          HttpResponseStatus.REQUEST_URI_TOO_LONG, "the request line is too long");
    }
    if (cause instanceof TooLongHttpHeaderException) {
      return new HttpProblem(
          HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "the request head is too large");
    }
    return HttpProblem.badRequest("the request is not valid HTTP/1.1");
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    log.debug(
        "{}: connection failed: {}",
        IpLiterals.format(ctx.channel().remoteAddress()),
        cause.toString());
    ctx.close();
  }
}
