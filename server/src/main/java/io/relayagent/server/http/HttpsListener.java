package io.relayagent.server.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.relayagent.server.ServerLimits;
import io.relayagent.trust.ChainVerifier;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's HTTPS port: Netty's event loops, the worker threads that answer, and every open
 * connection. {@link #close()} stops gracefully: the port closes first, the requests in flight are
 * answered (up to {@link ServerLimits#stopTimeout()}), then the connections close.
 */
public final class HttpsListener implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HttpsListener.class);

  private final EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final EventLoopGroup io = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
  private final EventExecutorGroup workers;
  private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
  private final InFlightRequests inFlight = new InFlightRequests();
  private final ServerLimits limits;
  private Channel channel;

  private HttpsListener(ServerLimits limits) {
    this.limits = limits;
    this.workers = new DefaultEventExecutorGroup(limits.workerThreads());
  }

  /** The paths the listener serves, by prefix. */
  public record Endpoints(
      Endpoint agent, Endpoint repository, Endpoint admin, Endpoint enroll, Endpoint console) {}

  /**
   * Listens on {@code address}.
   *
   * @param clients checks a client's certificate again at each request, against the trust in force
   *     then (a resumed TLS session or a kept-alive connection skips the handshake's check)
   * @throws IOException if the address cannot be listened on (in use, not this host's, ...)
   */
  public static HttpsListener start(
      InetSocketAddress address,
      SslContext tls,
      ChainVerifier clients,
      ServerLimits limits,
      Endpoints endpoints)
      throws IOException {
    HttpsListener listener = new HttpsListener(limits);
    ChannelFuture bound =
        new ServerBootstrap()
            .group(listener.boss, listener.io)
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_BACKLOG, 256)
            .childHandler(
                new ServerChannelInitializer(
                    tls,
                    clients,
                    limits,
                    listener.workers,
                    listener.connections,
                    endpoints,
                    listener.inFlight))
            .bind(address)
            .awaitUninterruptibly();
    if (!bound.isSuccess()) {
      listener.close();
      throw new IOException(
          "cannot listen on " + address + ": " + bound.cause().getMessage(), bound.cause());
    }
    listener.channel = bound.channel();
    return listener;
  }

  public InetSocketAddress address() {
    return (InetSocketAddress) channel.localAddress();
  }

  @Override
  public void close() {
    if (channel != null) {
      channel.close().syncUninterruptibly(); // no new connections from here on
      try {
        if (!inFlight.awaitIdle(limits.stopTimeout())) {
          log.warn("stopping with requests still in flight after {}", limits.stopTimeout());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      connections.close().awaitUninterruptibly();
    }
    workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    io.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
