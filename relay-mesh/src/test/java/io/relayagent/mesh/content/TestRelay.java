package io.relayagent.mesh.content;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.relayagent.trust.TlsContexts;
import io.relayagent.trust.TrustMaterial;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The relay's TLS listener as far as content goes: TLS with the relay's certificate, Netty's HTTP
 * codec, and a router that mounts the content handler at the first request, as the tunnel listener
 * does.
 */
final class TestRelay implements AutoCloseable {

  private final EventLoopGroup group =
      new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
  private final Channel server;

  TestRelay(ContentService service, TrustMaterial relayMaterial) throws Exception {
    SslContext tls = TlsContexts.forServer(relayMaterial, null);
    server =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel channel) {
                    channel
                        .pipeline()
                        .addLast(tls.newHandler(channel.alloc()))
                        .addLast(new HttpServerCodec())
                        .addLast(new Router(service));
                  }
                })
            .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .sync()
            .channel();
  }

  int port() {
    return ((InetSocketAddress) server.localAddress()).getPort();
  }

  @Override
  public void close() {
    server.close().syncUninterruptibly();
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }

  /** Mounts the content handler behind itself at the first request and passes everything on. */
  private static final class Router extends ChannelInboundHandlerAdapter {
    private final ContentService service;

    Router(ContentService service) {
      this.service = service;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof HttpRequest && ctx.pipeline().get("content") == null) {
        ctx.pipeline().addLast("content", service.newRequestHandler());
      }
      ctx.fireChannelRead(msg);
    }
  }
}
