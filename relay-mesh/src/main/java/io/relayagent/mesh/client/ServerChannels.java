package io.relayagent.mesh.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.proxy.HttpProxyHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.resolver.NoopAddressResolverGroup;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.relayagent.mesh.tunnel.PeerCertificates;
import io.relayagent.sitelist.HostPort;
import io.relayagent.trust.CertificateNames;
import io.relayagent.trust.TlsContexts;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Opens the agent's TLS connection to a server over a {@link Route}: directly, through an HTTP
 * proxy, or inside a relay's TLS tunnel ({@code CONNECT}). In every case the agent's TLS to the
 * server runs end to end and checks the server's certificate and name, so a relay or proxy sees
 * only ciphertext and cannot answer for the server.
 *
 * <p>Also opens plain TLS connections to a relay itself, for its content cache.
 *
 * <pre>{@code
 * Channel channel = channels.open(new Route.ViaRelay("relay-3", address), server).get();
 * HttpSession session = HttpSession.over(channel, server, 16 << 20);
 * }</pre>
 */
public final class ServerChannels {

  private static final String RELAY_TLS = "relay-tls";

  private final EventLoopGroup group;
  private final Class<? extends SocketChannel> channelClass;
  private final SslContext toRelays;
  private final SslContext toServers;
  private final Duration connectTimeout;

  /**
   * @param group a NIO event loop group
   * @param toRelays client context that accepts relays (TlsContexts.forClient(material, RELAY))
   * @param toServers client context that accepts servers (TlsContexts.forClient(material, SERVER))
   */
  public ServerChannels(
      EventLoopGroup group, SslContext toRelays, SslContext toServers, Duration connectTimeout) {
    this(group, NioSocketChannel.class, toRelays, toServers, connectTimeout);
  }

  /**
   * Channels of {@code channelClass} on {@code group}, which must be of the same transport (the
   * relay's event loops are epoll ones where epoll loads).
   */
  public ServerChannels(
      EventLoopGroup group,
      Class<? extends SocketChannel> channelClass,
      SslContext toRelays,
      SslContext toServers,
      Duration connectTimeout) {
    this.group = group;
    this.channelClass = channelClass;
    this.toRelays = toRelays;
    this.toServers = toServers;
    this.connectTimeout = connectTimeout;
  }

  /** A channel whose pipeline holds the server's TLS, handshake done, ready for HTTP. */
  public CompletableFuture<Channel> open(Route route, HostPort server) {
    CompletableFuture<Channel> ready = new CompletableFuture<>();
    try {
      if (route instanceof Route.ViaRelay relay) {
        openRelay(relay)
            .whenComplete(
                (channel, failure) -> {
                  if (failure != null) {
                    ready.completeExceptionally(failure);
                  } else {
                    connectThrough(channel, server, ready);
                  }
                });
      } else if (route instanceof Route.ViaHttpProxy proxy) {
        viaProxy(proxy, server, ready);
      } else {
        connect(resolved(server.host(), server.port()))
            .addListener(f -> onConnected(f, ready, channel -> serverTls(channel, server, ready)));
      }
    } catch (UnknownHostException e) {
      ready.completeExceptionally(e);
    }
    return ready;
  }

  /** A channel to the relay itself with the relay's TLS done (for {@code GET /content/...}). */
  public CompletableFuture<Channel> openRelay(Route.ViaRelay relay) {
    CompletableFuture<Channel> ready = new CompletableFuture<>();
    InetSocketAddress address = relay.address();
    try {
      boolean byName = address.isUnresolved();
      InetSocketAddress target =
          byName ? resolved(address.getHostString(), address.getPort()) : address;
      connect(target)
          .addListener(
              f ->
                  onConnected(
                      f,
                      ready,
                      channel -> {
                        // A static relay is reached by name, so its certificate must carry that
                        // name; a discovered one proved itself with its signed offer.
                        SslHandler tls =
                            byName
                                ? TlsContexts.newClientHandler(
                                    toRelays,
                                    channel.alloc(),
                                    address.getHostString(),
                                    address.getPort())
                                : toRelays.newHandler(channel.alloc());
                        addTls(channel, RELAY_TLS, tls, ready);
                      }));
    } catch (UnknownHostException e) {
      ready.completeExceptionally(e);
    }
    return ready;
  }

  /**
   * The relay id of the relay a channel of {@link #open} or {@link #openRelay} goes through: the
   * common name of the certificate the relay proved itself with. A static relay is configured by
   * {@code host:port}; this is the name the rest of the system knows it by. Empty for a channel
   * that goes through no relay.
   */
  public static Optional<String> relayName(Channel channel) {
    if (!(channel.pipeline().get(RELAY_TLS) instanceof SslHandler tls)) {
      return Optional.empty();
    }
    return PeerCertificates.of(tls).stream().findFirst().map(CertificateNames::commonName);
  }

  private void connectThrough(Channel channel, HostPort server, CompletableFuture<Channel> ready) {
    Promise<Void> established = channel.eventLoop().newPromise();
    channel.pipeline().addLast("connect", new ConnectHandshakeHandler(server, established));
    established.addListener(
        f -> {
          if (f.isSuccess()) {
            serverTls(channel, server, ready);
          } else {
            channel.close();
            ready.completeExceptionally(f.cause());
          }
        });
  }

  private void viaProxy(Route.ViaHttpProxy route, HostPort server, CompletableFuture<Channel> ready)
      throws UnknownHostException {
    InetSocketAddress proxy = resolved(route.proxy().host(), route.proxy().port());
    HttpProxyHandler proxyHandler =
        route.user() == null
            ? new HttpProxyHandler(proxy)
            : new HttpProxyHandler(proxy, route.user(), route.password());
    proxyHandler.setConnectTimeoutMillis(connectTimeout.toMillis());
    ChannelFuture connected =
        bootstrap()
            .resolver(NoopAddressResolverGroup.INSTANCE) // the proxy resolves the server's name
            .handler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    ch.pipeline().addLast("proxy", proxyHandler);
                  }
                })
            .connect(InetSocketAddress.createUnresolved(server.host(), server.port()));
    connected.addListener(
        f ->
            onConnected(
                f,
                ready,
                channel ->
                    proxyHandler
                        .connectFuture()
                        .addListener(
                            p -> {
                              if (p.isSuccess()) {
                                serverTls(channel, server, ready);
                              } else {
                                channel.close();
                                ready.completeExceptionally(p.cause());
                              }
                            })));
  }

  private void serverTls(Channel channel, HostPort server, CompletableFuture<Channel> ready) {
    SslHandler tls =
        TlsContexts.newClientHandler(toServers, channel.alloc(), server.host(), server.port());
    addTls(channel, "server-tls", tls, ready);
  }

  /**
   * Adds {@code tls} and completes {@code ready} when its handshake is over. A failed handshake is
   * reported once, through {@code ready}: {@link HandshakeFailureSink} keeps it from reaching the
   * pipeline's tail, where it would be logged again with a stack trace.
   */
  private static void addTls(
      Channel channel, String name, SslHandler tls, CompletableFuture<Channel> ready) {
    channel
        .pipeline()
        .addLast(name, tls)
        .addLast(name + "-failures", new HandshakeFailureSink(tls));
    tls.handshakeFuture()
        .addListener(
            f -> {
              if (f.isSuccess()) {
                ready.complete(channel);
              } else {
                channel.close();
                ready.completeExceptionally(f.cause());
              }
            });
  }

  private static void onConnected(
      Future<? super Void> connect,
      CompletableFuture<Channel> ready,
      java.util.function.Consumer<Channel> next) {
    Channel channel = ((ChannelFuture) connect).channel();
    if (connect.isSuccess()) {
      next.accept(channel);
    } else {
      ready.completeExceptionally(connect.cause());
    }
  }

  private ChannelFuture connect(InetSocketAddress address) {
    return bootstrap()
        .handler(
            new ChannelInitializer<Channel>() {
              @Override
              protected void initChannel(Channel ch) {
                // Handlers are added once the connection is up.
              }
            })
        .connect(address);
  }

  private Bootstrap bootstrap() {
    return new Bootstrap()
        .group(group)
        .channel(channelClass)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
        .option(ChannelOption.TCP_NODELAY, true);
  }

  /** Resolves a name once, on the caller's thread, never on an event loop. */
  private static InetSocketAddress resolved(String host, int port) throws UnknownHostException {
    return new InetSocketAddress(java.net.InetAddress.getByName(host), port);
  }
}
