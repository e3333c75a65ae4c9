package io.relayagent.mesh.tunnel;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.relayagent.trust.LoopbackPki;
import io.relayagent.trust.TlsContexts;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The management server for end-to-end tests: HTTPS with the server certificate of {@link
 * TunnelHosts} ({@code epo.example.test}), answering every GET with "hello from PATH".
 */
final class HttpsTestServer implements AutoCloseable {

  private final EventLoopGroup group;
  private final Channel channel;
  final AtomicInteger requests = new AtomicInteger();

  HttpsTestServer(LoopbackPki pki) throws Exception {
    SslContext tls = TlsContexts.forServer(pki.material(RelayFixture.SERVER_NAME), null);
    NettyTransport transport = NettyTransport.best();
    group = transport.newGroup(1, "https-test-server");
    channel = bind(group, transport, ch -> tls.newHandler(ch.alloc()), Responder::new);
  }

  /**
   * Binds an HTTPS test server on loopback: TLS from {@code tls}, then whole requests to a new
   * {@code responder} for each connection.
   */
  static Channel bind(
      EventLoopGroup group,
      NettyTransport transport,
      Function<SocketChannel, SslHandler> tls,
      Supplier<ChannelHandler> responder)
      throws InterruptedException {
    return new ServerBootstrap()
        .group(group)
        .channel(transport.serverChannelClass())
        .childHandler(
            new ChannelInitializer<SocketChannel>() {
              @Override
              protected void initChannel(SocketChannel ch) {
                ch.pipeline()
                    .addLast(tls.apply(ch))
                    .addLast(new HttpServerCodec())
                    .addLast(new HttpObjectAggregator(64 * 1024))
                    .addLast(responder.get());
              }
            })
        .bind(new InetSocketAddress(RelayFixture.LOOPBACK, 0))
        .sync()
        .channel();
  }

  int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  /** The endpoint as the SiteList names it. */
  String site() {
    return RelayFixture.SERVER_NAME + ":" + port();
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
  }

  private final class Responder extends SimpleChannelInboundHandler<FullHttpRequest> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
      requests.incrementAndGet();
      FullHttpResponse response =
          new DefaultFullHttpResponse(
              HttpVersion.HTTP_1_1,
              HttpResponseStatus.OK,
              Unpooled.copiedBuffer("hello from " + request.uri(), StandardCharsets.UTF_8));
      response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
      HttpUtil.setKeepAlive(response, HttpUtil.isKeepAlive(request));
      ctx.writeAndFlush(response);
    }
  }
}
