package io.relayagent.mesh.tunnel;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoop;
import io.netty.handler.proxy.HttpProxyHandler;
import io.netty.handler.proxy.ProxyConnectException;
import io.netty.resolver.NoopAddressResolverGroup;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.relayagent.sitelist.HostPort;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Opens the upstream side of a tunnel on the agent connection's own event loop (so the two sides
 * share a thread and need no locks): resolves the site's name once, off the event loop, and
 * connects to the addresses found, in order, each attempt bounded by the connect timeout; or asks
 * the configured HTTP proxy for a tunnel to the site. The channel comes back with auto-read off and
 * half-closure allowed, nothing in its pipeline but what a proxy left.
 */
final class UpstreamConnector {

  /** Addresses tried per CONNECT, so an agent hears 502 within a few connect timeouts. */
  private static final int MAX_ATTEMPTS = 3;

  private final NettyTransport transport;
  private final Duration connectTimeout;
  private final UpstreamRoutes routes;
  private final HostResolver resolver;
  private final Executor blocking;

  UpstreamConnector(
      NettyTransport transport,
      Duration connectTimeout,
      UpstreamRoutes routes,
      HostResolver resolver,
      Executor blocking) {
    this.transport = transport;
    this.connectTimeout = connectTimeout;
    this.routes = routes;
    this.resolver = resolver;
    this.blocking = blocking;
  }

  /** A connected channel to {@code target} on {@code loop}; listeners run on {@code loop}. */
  Future<Channel> connect(EventLoop loop, HostPort target) {
    Promise<Channel> promise = loop.newPromise();
    try {
      blocking.execute(() -> plan(loop, target, promise));
    } catch (RejectedExecutionException e) {
      promise.tryFailure(new ConnectException("too many upstream connections being prepared"));
    }
    return promise;
  }

  /** The 502 reason for a failed {@link #connect}. */
  String describeFailure(HostPort target, Throwable cause) {
    if (cause instanceof UnknownHostException) {
      return "cannot resolve " + target.host();
    }
    if (cause instanceof ConnectTimeoutException) {
      return "no answer from " + target + " within " + TunnelResponses.format(connectTimeout);
    }
    if (cause instanceof ProxyConnectException) {
      return "the proxy did not open a tunnel to " + target + ": " + cause.getMessage();
    }
    String message = String.valueOf(cause.getMessage());
    if (message.contains("refused")) {
      return "connection refused by " + target;
    }
    return "cannot connect to " + target + ": " + message;
  }

  private void plan(EventLoop loop, HostPort target, Promise<Channel> promise) {
    try {
      Optional<InetSocketAddress> proxy = routes.proxyFor(target);
      if (proxy.isPresent()) {
        loop.execute(() -> viaProxy(loop, proxy.get(), target, promise));
      } else {
        InetAddress[] addresses = resolver.resolve(target.host());
        loop.execute(() -> direct(loop, addresses, 0, target, promise));
      }
    } catch (UnknownHostException | RuntimeException e) {
      promise.tryFailure(e);
    }
  }

  private void direct(
      EventLoop loop,
      InetAddress[] addresses,
      int index,
      HostPort target,
      Promise<Channel> promise) {
    InetSocketAddress address = new InetSocketAddress(addresses[index], target.port());
    ChannelFuture connected = bootstrap(loop).connect(address);
    connected.addListener(
        done -> {
          if (done.isSuccess()) {
            deliver(connected.channel(), promise);
          } else if (index + 1 < Math.min(addresses.length, MAX_ATTEMPTS)) {
            direct(loop, addresses, index + 1, target, promise);
          } else {
            promise.tryFailure(done.cause());
          }
        });
  }

  private void viaProxy(
      EventLoop loop, InetSocketAddress proxy, HostPort target, Promise<Channel> promise) {
    HttpProxyHandler handler = routes.newProxyHandler(proxy);
    handler.setConnectTimeoutMillis(connectTimeout.toMillis());
    ChannelFuture connected =
        bootstrap(loop)
            // The proxy resolves the site's name; the relay must not look it up itself.
            .resolver(NoopAddressResolverGroup.INSTANCE)
            .handler(handler)
            .connect(InetSocketAddress.createUnresolved(target.host(), target.port()));
    connected.addListener(
        done -> {
          if (!done.isSuccess()) {
            promise.tryFailure(done.cause());
          }
        });
    handler
        .connectFuture()
        .addListener(
            tunnelled -> {
              if (tunnelled.isSuccess()) {
                deliver(connected.channel(), promise);
              } else {
                connected.channel().close();
                promise.tryFailure(tunnelled.cause());
              }
            });
  }

  private static void deliver(Channel channel, Promise<Channel> promise) {
    if (!promise.trySuccess(channel)) {
      channel.close();
    }
  }

  private Bootstrap bootstrap(EventLoop loop) {
    return transport
        .dataPath()
        .applyTo(new Bootstrap())
        .group(loop)
        .channel(transport.socketChannelClass())
        .option(ChannelOption.AUTO_READ, false)
        .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
        .handler(
            new ChannelInitializer<Channel>() {
              @Override
              protected void initChannel(Channel channel) {
                // The tunnel's backend handler is added once the agent has its 200.
              }
            });
  }
}
