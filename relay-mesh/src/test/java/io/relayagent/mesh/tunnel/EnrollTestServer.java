package io.relayagent.mesh.tunnel;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.relayagent.trust.LoopbackPki;
import io.relayagent.trust.Role;
import io.relayagent.trust.TlsContexts;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * A management server's enrollment path for tests: HTTPS with the server certificate of {@link
 * TunnelHosts}, asking clients for a certificate of the relay role without requiring one (as the
 * reference server asks), recording each request and who presented what, and answering {@code 201}
 * with a JSON body that names the client certificate it saw.
 */
final class EnrollTestServer implements AutoCloseable {

  /**
   * One request as the server saw it.
   *
   * @param clientSubject the subject of the client's certificate, or {@code null} for none
   * @param forwarded the {@code Forwarded} field, or {@code null}
   */
  record Seen(String method, String path, String clientSubject, String forwarded, String body) {}

  private final EventLoopGroup group;
  private final Channel channel;
  final List<Seen> seen = new CopyOnWriteArrayList<>();

  EnrollTestServer(LoopbackPki pki) throws Exception {
    SslContext tls = TlsContexts.forServer(pki.material(RelayFixture.SERVER_NAME), Role.RELAY);
    NettyTransport transport = NettyTransport.best();
    group = transport.newGroup(1, "enroll-test-server");
    channel =
        HttpsTestServer.bind(
            group,
            transport,
            ch -> {
              SslHandler handler = tls.newHandler(ch.alloc());
              handler.engine().setWantClientAuth(true);
              return handler;
            },
            Responder::new);
  }

  /** The endpoint as a SiteList names it: an address literal, so no test asks the DNS. */
  String site() {
    return "127.0.0.1:" + ((InetSocketAddress) channel.localAddress()).getPort();
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  private final class Responder extends SimpleChannelInboundHandler<FullHttpRequest> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
      String subject = clientSubject(ctx.pipeline().get(SslHandler.class));
      seen.add(
          new Seen(
              request.method().name(),
              request.uri(),
              subject,
              request.headers().get("Forwarded"),
              request.content().toString(StandardCharsets.UTF_8)));
      FullHttpResponse response =
          new DefaultFullHttpResponse(
              HttpVersion.HTTP_1_1,
              HttpResponseStatus.CREATED,
              Unpooled.copiedBuffer(
                  "{\"presentedBy\":\"" + subject + "\"}", StandardCharsets.UTF_8));
      response
          .headers()
          .set(HttpHeaderNames.CONTENT_TYPE, "application/json")
          .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    private static String clientSubject(SslHandler tls) {
      try {
        return ((X509Certificate) tls.engine().getSession().getPeerCertificates()[0])
            .getSubjectX500Principal()
            .getName();
      } catch (SSLPeerUnverifiedException e) {
        return null;
      }
    }
  }
}
