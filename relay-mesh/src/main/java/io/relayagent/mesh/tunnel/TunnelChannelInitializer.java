package io.relayagent.mesh.tunnel;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.relayagent.sitelist.IpLiterals;
import java.time.Duration;

/**
 * The pipeline of a new client connection on either listener:
 *
 * <pre>
 * idle -> [tls] -> guard -> http -> router
 * </pre>
 *
 * The router later turns it into {@code idle -> [tls] -> frontend} for a tunnel, or hands it to the
 * content cache. Before any of that, the plain listener closes sources outside its networks, and
 * the connection takes a place in the pre-authentication budget (per source and in total) or is
 * closed at accept; at its head, the connection limit decides whether it is served, answered 503,
 * or dropped ({@link ClientAdmission}).
 */
final class TunnelChannelInitializer extends ChannelInitializer<SocketChannel> {

  private final SslContext tls;
  private final PlainSourceFilter sources;
  private final PreAuthBudget preAuth;
  private final ConnectionLimiter limiter;
  private final ChannelGroup openConnections;
  private final RouterServices services;
  private final Duration idleTimeout;
  private final Duration headTimeout;

  /**
   * @param tls the relay's server context (mutual TLS), or {@code null} for the plain listener
   * @param sources the plain listener's source filter, or {@code null} for the TLS listener
   */
  TunnelChannelInitializer(
      SslContext tls,
      PlainSourceFilter sources,
      PreAuthBudget preAuth,
      ConnectionLimiter limiter,
      ChannelGroup openConnections,
      RouterServices services,
      Duration idleTimeout,
      Duration headTimeout) {
    this.tls = tls;
    this.sources = sources;
    this.preAuth = preAuth;
    this.limiter = limiter;
    this.openConnections = openConnections;
    this.services = services;
    this.idleTimeout = idleTimeout;
    this.headTimeout = headTimeout;
  }

  @Override
  protected void initChannel(SocketChannel channel) {
    if (sources != null && !sources.admits(channel.remoteAddress())) {
      services.counters().refused(TunnelCounters.Refusal.FORBIDDEN);
      channel.close();
      return;
    }
    ClientAdmission admission =
        ClientAdmission.atAccept(channel, channel.remoteAddress().getAddress(), preAuth, limiter);
    if (admission == null) {
      services
          .admissionLog()
          .warn(
              "closed a connection from {} at accept: its address has {} connections without a"
                  + " request head yet, or all have {} together",
              IpLiterals.format(channel.remoteAddress().getAddress()),
              PreAuthBudget.PER_SOURCE,
              preAuth.total());
      services.counters().refused(TunnelCounters.Refusal.BUSY);
      channel.close();
      return;
    }
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
    pipeline.addLast(
        "guard", new HeadGuardHandler(headTimeout, services.handshakeLog(), services.counters()));
    pipeline.addLast("http", new HttpServerCodec(decoderConfig()));
    pipeline.addLast("router", new RequestRouterHandler(services, admission));
  }

  /** The HTTP decoder's limits: the head scanner's, so that the two agree on every head. */
  static HttpDecoderConfig decoderConfig() {
    return new HttpDecoderConfig()
        .setMaxInitialLineLength(HeadScanner.MAX_REQUEST_LINE)
        .setMaxHeaderSize(HeadScanner.MAX_HEADERS)
        .setMaxChunkSize(8192)
        .setStrictLineParsing(true)
        .setValidateHeaders(true);
  }
}
