package io.relayagent.server.http;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.EventExecutorGroup;
import io.relayagent.server.ServerLimits;
import io.relayagent.trust.ChainVerifier;
import java.util.concurrent.TimeUnit;

/**
 * The pipeline of one connection: TLS, an idle guard, HTTP/1.1 with a bounded head, the request
 * timeout, streamed file answers, a bounded body, and the router, which answers on a worker thread.
 *
 * <p>The TLS context (from {@code TlsContexts.forServer}, expecting agents) requires a client
 * certificate; each connection asks for one instead, so that an administrator without a certificate
 * can reach {@code /admin/} with the token, and a host that has none yet can enroll. A certificate
 * that is presented is still verified in the handshake exactly as before (a foreign, expired,
 * revoked or server certificate ends it), and the router refuses every other path without one.
 */
final class ServerChannelInitializer extends ChannelInitializer<SocketChannel> {
  private final SslContext tls;
  private final ChainVerifier clients;
  private final ServerLimits limits;
  private final EventExecutorGroup workers;
  private final ChannelGroup channels;
  private final HttpsListener.Endpoints endpoints;
  private final InFlightRequests inFlight;

  ServerChannelInitializer(
      SslContext tls,
      ChainVerifier clients,
      ServerLimits limits,
      EventExecutorGroup workers,
      ChannelGroup channels,
      HttpsListener.Endpoints endpoints,
      InFlightRequests inFlight) {
    this.tls = tls;
    this.clients = clients;
    this.limits = limits;
    this.workers = workers;
    this.channels = channels;
    this.endpoints = endpoints;
    this.inFlight = inFlight;
  }

  @Override
  protected void initChannel(SocketChannel channel) {
    channels.add(channel);
    SslHandler handler = tls.newHandler(channel.alloc());
    handler.engine().setWantClientAuth(true);
    HttpDecoderConfig head =
        new HttpDecoderConfig()
            .setMaxInitialLineLength(limits.maxRequestLine())
            .setMaxHeaderSize(limits.maxHeaderBytes())
            .setStrictLineParsing(true);
    ChannelPipeline pipeline = channel.pipeline();
    pipeline.addLast("tls", handler);
    pipeline.addLast(
        "idle",
        new IdleStateHandler(true, 0, 0, limits.idleTimeout().toMillis(), TimeUnit.MILLISECONDS));
    pipeline.addLast("http", new HttpServerCodec(head));
    pipeline.addLast("timeout", new RequestTimeoutHandler(limits.requestTimeout()));
    pipeline.addLast("chunks", new ChunkedWriteHandler());
    pipeline.addLast("aggregate", new JsonErrorAggregator(limits.maxBodyBytes()));
    pipeline.addLast("router", new RequestRouter(endpoints, clients, inFlight, workers.next()));
  }
}
