package io.relayagent.mesh.tunnel;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.ssl.SslContext;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The bound listening channels of a {@link TunnelServer}: the mutual-TLS listener, and the plain
 * listener when the policy opens it. Both hand their connections to the same limiter, pre-auth
 * budget (so that a source cannot double its share by using the other port), connection group and
 * router services.
 *
 * @param plain the plain listener, or {@code null}
 */
record TunnelListeners(Channel tls, Channel plain) {

  /** Binds what the settings ask for; on failure, closes what was bound and rethrows. */
  static TunnelListeners bind(
      TunnelSettings settings,
      SslContext tlsContext,
      TunnelResources resources,
      ConnectionLimiter limiter,
      PreAuthBudget preAuth,
      ChannelGroup openConnections,
      RouterServices services)
      throws InterruptedException {
    Channel tls =
        bind(
            settings.bindAddress(),
            settings.tlsPort(),
            resources,
            new TunnelChannelInitializer(
                tlsContext,
                null,
                preAuth,
                limiter,
                openConnections,
                services,
                settings.idleTimeout(),
                settings.headTimeout()));
    if (!settings.plainProxy().enabled()) {
      return new TunnelListeners(tls, null);
    }
    try {
      Channel plain =
          bind(
              settings.bindAddress(),
              settings.plainProxy().port(),
              resources,
              new TunnelChannelInitializer(
                  null,
                  new PlainSourceFilter(settings.plainProxy()),
                  preAuth,
                  limiter,
                  openConnections,
                  services,
                  settings.idleTimeout(),
                  settings.headTimeout()));
      return new TunnelListeners(tls, plain);
    } catch (InterruptedException | RuntimeException e) {
      tls.close();
      throw e;
    }
  }

  /** Stops accepting; connections already accepted are not touched. */
  void close() {
    tls.close().syncUninterruptibly();
    if (plain != null) {
      plain.close().syncUninterruptibly();
    }
  }

  private static Channel bind(
      InetAddress address,
      int port,
      TunnelResources resources,
      TunnelChannelInitializer initializer)
      throws InterruptedException {
    ServerBootstrap bootstrap =
        resources.transport().dataPath().applyToChildren(new ServerBootstrap());
    return bootstrap
        .group(resources.group())
        .channel(resources.transport().serverChannelClass())
        .option(ChannelOption.SO_BACKLOG, 1024)
        // Backpressure starts here: nothing is read until a handler asks for it.
        .childOption(ChannelOption.AUTO_READ, false)
        // An agent's FIN ends one direction only; Tunnel passes it on (half-close).
        .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(initializer)
        .bind(new InetSocketAddress(address, port))
        .sync()
        .channel();
  }
}
