package io.relayagent.mesh.client;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslHandler;
import java.io.IOException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * HTTP/1.1 exchanges, one at a time, over a channel that {@link ServerChannels} made ready: the
 * agent's requests to its server (policy, SiteList, status, events, catalog) or to a relay's
 * content cache. Response bodies are bounded; every exchange has a timeout.
 */
public final class HttpSession implements AutoCloseable {

  /** A response with its body copied out of Netty's buffers. */
  public record Response(int status, HttpHeaders headers, byte[] body) {}

  private final Channel channel;
  private final String authority;
  private final Duration timeout;
  private CompletableFuture<Response> pending;

  private HttpSession(Channel channel, String authority, Duration timeout) {
    this.channel = channel;
    this.authority = authority;
    this.timeout = timeout;
  }

  /**
   * @param authority the Host header: the server's (or relay's) host:port
   * @param maxResponseBytes the largest response body accepted
   */
  public static HttpSession over(
      Channel channel, String authority, int maxResponseBytes, Duration timeout) {
    HttpSession session = new HttpSession(channel, authority, timeout);
    channel
        .pipeline()
        .addLast("http", new HttpClientCodec())
        .addLast("aggregate", new HttpObjectAggregator(maxResponseBytes))
        .addLast("exchange", session.new ExchangeHandler());
    return session;
  }

  /** Sends one request; the future fails on a timeout, a closed connection or a too-large body. */
  public CompletableFuture<Response> send(
      HttpMethod method, String path, Map<String, String> headers, byte[] body) {
    return send(method, path, headers, body, timeout);
  }

  /**
   * Sends one request that may take {@code timeout} rather than the session's: a long poll, which
   * the server answers only when it has something or its hold ends.
   */
  public synchronized CompletableFuture<Response> send(
      HttpMethod method, String path, Map<String, String> headers, byte[] body, Duration timeout) {
    if (pending != null && !pending.isDone()) {
      throw new IllegalStateException("one exchange at a time on a session");
    }
    CompletableFuture<Response> result = new CompletableFuture<>();
    pending = result;
    FullHttpRequest request =
        new DefaultFullHttpRequest(
            HttpVersion.HTTP_1_1,
            method,
            path,
            body == null ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
    request.headers().set(HttpHeaderNames.HOST, authority);
    headers.forEach((name, value) -> request.headers().set(name, value));
    HttpUtil.setContentLength(request, body == null ? 0 : body.length);
    ScheduledFuture<?> timer =
        channel
            .eventLoop()
            .schedule(
                () ->
                    result.completeExceptionally(
                        new IOException(
                            method
                                + " "
                                + path
                                + " timed out after "
                                + timeout.toSeconds()
                                + " s")),
                timeout.toNanos(),
                TimeUnit.NANOSECONDS);
    result.whenComplete((r, e) -> timer.cancel(false));
    channel
        .writeAndFlush(request)
        .addListener(
            f -> {
              if (!f.isSuccess()) {
                result.completeExceptionally(f.cause());
              }
            });
    return result;
  }

  /**
   * The certificate chain the peer proved itself with in the innermost TLS (the server's, when the
   * session runs inside a relay's tunnel), already verified by the trust code.
   */
  public List<X509Certificate> peerCertificates() throws SSLPeerUnverifiedException {
    SslHandler tls = (SslHandler) channel.pipeline().get("server-tls");
    if (tls == null) {
      tls = channel.pipeline().get(SslHandler.class);
    }
    if (tls == null) {
      throw new SSLPeerUnverifiedException("no TLS on this session");
    }
    List<X509Certificate> chain = new ArrayList<>();
    for (Certificate certificate : tls.engine().getSession().getPeerCertificates()) {
      chain.add((X509Certificate) certificate);
    }
    return chain;
  }

  public boolean isOpen() {
    return channel.isActive();
  }

  @Override
  public void close() {
    channel.close();
  }

  private synchronized void complete(Response response, Throwable failure) {
    if (pending == null) {
      return;
    }
    if (failure != null) {
      pending.completeExceptionally(failure);
    } else {
      pending.complete(response);
    }
  }

  /** Completes the pending exchange with each response, or fails it when the connection ends. */
  private final class ExchangeHandler extends SimpleChannelInboundHandler<FullHttpResponse> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
      complete(
          new Response(
              response.status().code(),
              response.headers().copy(),
              ByteBufUtil.getBytes(response.content())),
          null);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      complete(null, new DroppedConnectionException("the connection closed before the response"));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      complete(null, cause);
      ctx.close();
    }
  }
}
