package io.relayagent.mesh.tunnel;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import io.relayagent.mesh.logging.CappedLog;
import io.relayagent.protocol.ServerPaths;
import io.relayagent.sitelist.HostPort;
import io.relayagent.sitelist.IpLiterals;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes a connection's first request: {@code CONNECT host:port} to a site of the SiteList opens a
 * tunnel, {@code GET} or {@code HEAD /content/...} goes to the content cache, and everything else
 * is refused with {@code 403} (see docs/tunnel-protocol.md). A connection over the limit gets
 * {@code 503} whatever it asks.
 *
 * <p>A TLS connection that presented no client certificate may make one request only: {@code POST
 * /enroll/v1/certificate}, which {@link EnrollmentRequestHandler} forwards to a management server
 * of the SiteList (docs/enrollment.md). The plain listener never forwards enrollments.
 */
final class RequestRouterHandler extends ChannelInboundHandlerAdapter {

  private static final Logger log = LoggerFactory.getLogger(RequestRouterHandler.class);
  private static final String CONTENT_PREFIX = ServerPaths.RELAY_CONTENT;

  static final String NO_CERTIFICATE =
      "a client certificate is required; without one only POST "
          + ServerPaths.ENROLL
          + " is relayed";
  static final String ENROLL_NOT_PLAIN =
      "enrollment is relayed over the TLS listener only: on the plain listener the enrollment"
          + " token would cross the network in clear";
  static final String ENROLL_WITH_CERTIFICATE =
      "this connection presented a client certificate: reach the server with CONNECT host:port";

  private final RouterServices services;
  private final ClientAdmission admission;
  private boolean routed;

  RequestRouterHandler(RouterServices services, ClientAdmission admission) {
    this.services = services;
    this.admission = admission;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof HttpRequest request && !routed) {
      routed = true;
      if (route(ctx, request)) {
        return;
      }
    }
    // The LastHttpContent after a CONNECT head, or anything a refused client sends on.
    ReferenceCountUtil.release(msg);
  }

  /** Acts on the request; whether it was passed on (to the content cache). */
  private boolean route(ChannelHandlerContext ctx, HttpRequest request) {
    String described = TunnelResponses.describe(request);
    Channel channel = ctx.channel();
    ConnectionLimiter.Admission admitted = admission.headRead();
    if (admitted == ConnectionLimiter.Admission.DROPPED) {
      services
          .admissionLog()
          .warn(
              "connection limit ({}) and its 503 queue are full: closed {} without an answer",
              services.capacity(),
              IpLiterals.format(channel.remoteAddress()));
      services.counters().refused(TunnelCounters.Refusal.BUSY);
      channel.close();
    } else if (admitted == ConnectionLimiter.Admission.REFUSED_WITH_503) {
      services
          .refusals()
          .refuse(
              channel,
              HttpResponseStatus.SERVICE_UNAVAILABLE,
              "relay at its connection limit (" + services.capacity() + ")",
              described);
    } else if (request.decoderResult().isFailure()) {
      services
          .refusals()
          .refuse(
              channel,
              HttpResponseStatus.FORBIDDEN,
              "malformed request head: " + request.decoderResult().cause().getMessage(),
              described);
    } else if (isEnrollment(request)) {
      return enroll(ctx, request, described);
    } else if (withoutCertificate(channel)) {
      services.refusals().refuse(channel, HttpResponseStatus.FORBIDDEN, NO_CERTIFICATE, described);
    } else if (request.method().equals(HttpMethod.CONNECT)) {
      connect(ctx, request, described);
    } else if ((request.method().equals(HttpMethod.GET) || request.method().equals(HttpMethod.HEAD))
        && request.uri().startsWith(CONTENT_PREFIX)) {
      return handToContent(ctx, request, described);
    } else if (request.uri().contains("://")) {
      services
          .refusals()
          .refuse(
              channel,
              HttpResponseStatus.FORBIDDEN,
              "absolute-URI requests are not proxied; use CONNECT host:port",
              described);
    } else {
      services
          .refusals()
          .refuse(
              channel,
              HttpResponseStatus.FORBIDDEN,
              "only CONNECT host:port and GET or HEAD " + CONTENT_PREFIX + "... are served",
              described);
    }
    return false;
  }

  private void connect(ChannelHandlerContext ctx, HttpRequest request, String described) {
    HostPort target;
    try {
      target = ConnectRequestCheck.check(request, services.sites().get());
    } catch (RefusedRequestException e) {
      services
          .refusals()
          .refuse(ctx.channel(), HttpResponseStatus.FORBIDDEN, e.getMessage(), described);
      return;
    }
    Channel frontend = ctx.channel();
    Future<Channel> backendFuture = services.upstream().connect(frontend.eventLoop(), target);
    backendFuture.addListener(
        done -> {
          if (!done.isSuccess()) {
            if (frontend.isActive()) {
              services
                  .refusals()
                  .refuse(
                      frontend,
                      HttpResponseStatus.BAD_GATEWAY,
                      services.upstream().describeFailure(target, done.cause()),
                      described);
            }
            return;
          }
          Channel backend = backendFuture.getNow();
          if (!frontend.isActive()) {
            backend.close();
            return;
          }
          open(ctx, backend, target);
        });
  }

  /** Answers 200, turns the connection into a byte pipe and starts relaying. */
  private void open(ChannelHandlerContext ctx, Channel backend, HostPort target) {
    ctx.writeAndFlush(TunnelResponses.established());
    ChannelPipeline pipeline = ctx.pipeline();
    HeadGuardHandler guard = pipeline.get(HeadGuardHandler.class);
    pipeline.remove(HttpServerCodec.class);
    Tunnel tunnel = new Tunnel(ctx.channel(), backend, target, services.counters());
    services.counters().tunnelOpened(ctx.channel());
    pipeline.addAfter(ctx.name(), "frontend", new TunnelFrontendHandler(tunnel));
    backend.pipeline().addLast("backend", new TunnelBackendHandler(tunnel));
    pipeline.remove(this);
    // Bytes the client sent right after its head (its ClientHello) go first, then the pipe runs.
    guard.passRestAndLeave();
    tunnel.start();
    log.debug("tunnel {} -> {} open", IpLiterals.format(ctx.channel().remoteAddress()), target);
  }

  /**
   * Gives the connection to the content cache. Its handler sees this request and every later one,
   * and runs with auto-read on, as an ordinary HTTP handler expects.
   */
  private boolean handToContent(ChannelHandlerContext ctx, HttpRequest request, String described) {
    if (services.content() == null) {
      services
          .refusals()
          .refuse(
              ctx.channel(),
              HttpResponseStatus.NOT_FOUND,
              "this relay has no content cache",
              described);
      return false;
    }
    services.counters().served(ctx.channel());
    ChannelPipeline pipeline = ctx.pipeline();
    HeadGuardHandler guard = pipeline.get(HeadGuardHandler.class);
    pipeline.addAfter(ctx.name(), "content", services.content().newRequestHandler());
    ctx.fireChannelRead(request);
    pipeline.remove(this);
    guard.passRestAndLeave();
    ctx.channel().config().setAutoRead(true);
    return true;
  }

  private static boolean isEnrollment(HttpRequest request) {
    return request.method().equals(HttpMethod.POST) && request.uri().equals(ServerPaths.ENROLL);
  }

  /** Whether this is a TLS connection whose client proved no certificate. */
  private static boolean withoutCertificate(Channel channel) {
    SslHandler tls = channel.pipeline().get(SslHandler.class);
    return tls != null && PeerCertificates.of(tls).isEmpty();
  }

  /**
   * Checks an enrollment request's head and where it came from, then hands the connection to an
   * {@link EnrollmentRequestHandler}; whether it was passed on.
   */
  private boolean enroll(ChannelHandlerContext ctx, HttpRequest request, String described) {
    Channel channel = ctx.channel();
    if (channel.pipeline().get(SslHandler.class) == null) {
      services
          .refusals()
          .refuse(channel, HttpResponseStatus.FORBIDDEN, ENROLL_NOT_PLAIN, described);
      return false;
    }
    if (!withoutCertificate(channel)) {
      services
          .refusals()
          .refuse(channel, HttpResponseStatus.FORBIDDEN, ENROLL_WITH_CERTIFICATE, described);
      return false;
    }
    HttpHeaders headers = request.headers();
    List<String> lengths = headers.getAll(HttpHeaderNames.CONTENT_LENGTH);
    if (headers.contains(HttpHeaderNames.TRANSFER_ENCODING)
        || lengths.size() != 1
        || !lengths.get(0).matches("[0-9]{1,6}")) {
      services
          .refusals()
          .refuse(
              channel,
              HttpResponseStatus.LENGTH_REQUIRED,
              "an enrollment request needs one Content-Length (chunked bodies are not relayed)",
              described);
      return false;
    }
    int length = Integer.parseInt(lengths.get(0));
    if (length > EnrollmentRelay.MAX_REQUEST_BYTES) {
      services
          .refusals()
          .refuse(
              channel,
              HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
              "an enrollment request may carry at most "
                  + EnrollmentRelay.MAX_REQUEST_BYTES
                  + " bytes",
              described);
      return false;
    }
    Optional<EnrollmentRelay.Refusal> refusal = services.enrollment().admit(channel);
    if (refusal.isPresent()) {
      services
          .refusals()
          .refuse(channel, refusal.get().status(), refusal.get().reason(), described);
      return false;
    }
    ChannelPipeline pipeline = ctx.pipeline();
    HeadGuardHandler guard = pipeline.get(HeadGuardHandler.class);
    pipeline.addAfter(
        ctx.name(),
        "enroll",
        new EnrollmentRequestHandler(
            services.enrollment(), length, described, services.refusals()));
    ctx.fireChannelRead(request);
    pipeline.remove(this);
    guard.passRestAndLeave();
    channel.config().setAutoRead(true);
    return true;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof SslHandshakeCompletionEvent handshake && !handshake.isSuccess()) {
      // The engine's own message is often generic; the trust manager's says which check failed.
      services.counters().refused(TunnelCounters.Refusal.HANDSHAKE);
      Throwable root = handshake.cause();
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      services
          .handshakeLog()
          .warn(
              "TLS handshake with {} failed: {}",
              IpLiterals.format(ctx.channel().remoteAddress()),
              CappedLog.describe(root));
    }
    ReferenceCountUtil.release(event);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // Handshake failures are logged once, above; resets and the like need no more than debug.
    log.debug("closing {}: {}", IpLiterals.format(ctx.channel().remoteAddress()), cause.toString());
    ctx.close();
  }
}
