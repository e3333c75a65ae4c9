package io.relayagent.mesh.tunnel;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline of a new client connection on either listener:
 *
 * <pre>
 * idle -> [tls] -> guard -> http -> router
 * </pre>
 *
 * The router later turns it into {@code idle -> [tls] -> frontend} for a tunnel, or hands it to the
 * content cache. Before any of that, the plain listener closes sources outside its networks, and
 * the connection limit decides whether the connection is served, answered 503, or dropped.
 */
final class TunnelChannelInitializer extends ChannelInitializer<SocketChannel> {

  private static final Logger log = LoggerFactory.getLogger(TunnelChannelInitializer.class);
  private static final long DROP_LOG_INTERVAL_NANOS = Duration.ofMinutes(1).toNanos();

  private final SslContext tls;
  private final PlainSourceFilter sources;
  private final ConnectionLimiter limiter;
  private final ChannelGroup openConnections;
  private final RouterServices services;
  private final Duration idleTimeout;
  private final Duration headTimeout;
  private final AtomicLong lastDropLogged =
      new AtomicLong(System.nanoTime() - DROP_LOG_INTERVAL_NANOS);

  /**
   * @param tls the relay's server context (mutual TLS), or {@code null} for the plain listener
   * @param sources the plain listener's source filter, or {@code null} for the TLS listener
   */
  TunnelChannelInitializer(
      SslContext tls,
      PlainSourceFilter sources,
      ConnectionLimiter limiter,
      ChannelGroup openConnections,
      RouterServices services,
      Duration idleTimeout,
      Duration headTimeout) {
    this.tls = tls;
    this.sources = sources;
    this.limiter = limiter;
    this.openConnections = openConnections;
    this.services = services;
    this.idleTimeout = idleTimeout;
    this.headTimeout = headTimeout;
  }

  @Override
  protected void initChannel(SocketChannel channel) {
    if (sources != null && !sources.admits(channel.remoteAddress())) {
      channel.close();
      return;
    }
    ConnectionLimiter.Admission admission = limiter.admit();
    if (admission == ConnectionLimiter.Admission.DROPPED) {
      logDrop();
      channel.close();
      return;
    }
    channel.closeFuture().addListener(closed -> limiter.release(admission));
    openConnections.add(channel);
    ChannelPipeline pipeline = channel.pipeline();
    pipeline.addLast("idle", new IdleTimeoutHandler(idleTimeout));
    if (tls != null) {
      SslHandler handler = tls.newHandler(channel.alloc());
      handler.setHandshakeTimeoutMillis(headTimeout.toMillis());
      // Asked for, not required: a host without a certificate yet may enroll through the relay,
      // and nothing else (RequestRouterHandler). One that is presented is verified in full here.
      handler.engine().setWantClientAuth(true);
      pipeline.addLast("tls", handler);
    }
    pipeline.addLast("guard", new HeadGuardHandler(headTimeout, services.handshakeLog()));
    pipeline.addLast("http", new HttpServerCodec(decoderConfig()));
    pipeline.addLast(
        "router",
        new RequestRouterHandler(services, admission == ConnectionLimiter.Admission.ADMITTED));
  }

  private static HttpDecoderConfig decoderConfig() {
    return new HttpDecoderConfig()
        .setMaxInitialLineLength(HeadScanner.MAX_REQUEST_LINE)
        .setMaxHeaderSize(HeadScanner.MAX_HEADERS)
        .setMaxChunkSize(8192)
        .setStrictLineParsing(true)
        .setValidateHeaders(true);
  }

  private void logDrop() {
    long last = lastDropLogged.get();
    long now = System.nanoTime();
    if (now - last >= DROP_LOG_INTERVAL_NANOS && lastDropLogged.compareAndSet(last, now)) {
      log.warn(
          "connection limit ({}) and its 503 queue are full: closing new connections at accept"
              + " (logged at most once a minute)",
          limiter.capacity());
    }
  }
}
