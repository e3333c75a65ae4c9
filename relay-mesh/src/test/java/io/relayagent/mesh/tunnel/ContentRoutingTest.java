package io.relayagent.mesh.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.relayagent.mesh.content.ContentService;
import io.relayagent.testkit.RawClient;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code GET /content/...} goes to the content cache, with every later request of the connection;
 * the cache itself is tested in its own package, so a small stand-in answers here.
 */
class ContentRoutingTest {

  @RegisterExtension static final LogWatch logs = new LogWatch();

  @RegisterExtension static final TunnelHosts hosts = new TunnelHosts();

  @Test
  void content_get_isHandedToContentServiceWithLaterRequests() throws Exception {
    try (RelayFixture relay =
            RelayFixture.start(
                hosts.pki(), RelayFixture.settings(), new NamingContent(), "x.test:443");
        RawClient client = relay.agent()) {
      // Two requests in one packet: the second must reach the cache too, not be lost.
      client.send(
          "GET /content/site/a.zip HTTP/1.1\r\nHost: relay\r\n\r\n"
              + "HEAD /content/site/b.zip HTTP/1.1\r\nHost: relay\r\n\r\n");
      RawClient.Answer first = client.readAnswer();
      assertThat(first.status()).isEqualTo(200);
      assertThat(first.text()).isEqualTo("content GET /content/site/a.zip");
      RawClient.Answer second = client.readAnswer(true);
      assertThat(second.status()).isEqualTo(200);
      assertThat(second.head())
          .containsIgnoringCase("content-length: " + "content HEAD /content/site/b.zip".length());
      client.send("GET /content/site/c.zip HTTP/1.1\r\nHost: relay\r\n\r\n");
      assertThat(client.readAnswer().text()).isEqualTo("content GET /content/site/c.zip");
    }
  }

  @Test
  void content_getWithoutContentCache_gets404() throws Exception {
    try (RelayFixture relay =
            RelayFixture.start(hosts.pki(), RelayFixture.settings(), null, "x.test:443");
        RawClient client = relay.agent()) {
      client.send("GET /content/site/a.zip HTTP/1.1\r\nHost: relay\r\n\r\n");
      RawClient.Answer answer = client.readAnswer();
      assertThat(answer.statusLine()).isEqualTo("HTTP/1.1 404 Not Found");
      assertThat(answer.text()).isEqualTo("this relay has no content cache\n");
    }
  }

  @Test
  void get_outsideContent_isRefused() throws Exception {
    try (RelayFixture relay =
            RelayFixture.start(
                hosts.pki(), RelayFixture.settings(), new NamingContent(), "x.test:443");
        RawClient client = relay.agent()) {
      client.send("GET /contentx/a HTTP/1.1\r\nHost: relay\r\n\r\n");
      assertThat(client.readAnswer().status()).isEqualTo(403);
    }
  }

  /** Answers each request with its method and path (the codec sends no body for a HEAD). */
  private static final class NamingContent implements ContentService {
    @Override
    public ChannelHandler newRequestHandler() {
      return new SimpleChannelInboundHandler<HttpObject>() {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
          if (msg instanceof HttpRequest request) {
            FullHttpResponse response =
                new DefaultFullHttpResponse(
                    HttpVersion.HTTP_1_1,
                    HttpResponseStatus.OK,
                    Unpooled.copiedBuffer(
                        "content " + request.method() + " " + request.uri(),
                        StandardCharsets.UTF_8));
            response
                .headers()
                .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
            ctx.writeAndFlush(response);
          }
        }
      };
    }
  }
}
