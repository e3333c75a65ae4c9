package io.relayagent.mesh.tunnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.relayagent.testkit.RawClient;
import io.relayagent.trust.CaDirectory;
import io.relayagent.trust.Credential;
import io.relayagent.trust.JdkClientTls;
import io.relayagent.trust.LoopbackPki;
import io.relayagent.trust.Role;
import io.relayagent.trust.TlsContexts;
import io.relayagent.trust.TrustMaterial;
import java.io.IOException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real clients through the relay, unchanged: a Netty agent with TLS inside TLS, the JDK's
 * HttpClient through the plain listener, curl through the TLS listener; and who may not connect.
 */
class TunnelClientsTest {

  @RegisterExtension static final LogWatch logs = new LogWatch();

  @RegisterExtension static final TunnelHosts hosts = new TunnelHosts();
  private static HttpsTestServer https;

  @BeforeAll
  static void peers() throws Exception {
    https = new HttpsTestServer(hosts.pki());
  }

  @AfterAll
  static void stopPeers() {
    https.close();
  }

  @Test
  void tls_agentTlsToServerRunsInsideTunnel() throws Exception {
    TrustMaterial agentMaterial = hosts.pki().material(RelayFixture.AGENT);
    SslContext toRelay = TlsContexts.forClient(agentMaterial, Role.RELAY);
    SslContext toServer = TlsContexts.forClient(agentMaterial, Role.SERVER);
    NettyTransport transport = NettyTransport.best();
    EventLoopGroup group = transport.newGroup(1, "agent");
    try (RelayFixture relay =
        RelayFixture.start(hosts.pki(), RelayFixture.settings(), null, https.site())) {
      CompletableFuture<String> connectAnswer = new CompletableFuture<>();
      CompletableFuture<FullHttpResponse> response = new CompletableFuture<>();
      Channel agent =
          new Bootstrap()
              .group(group)
              .channel(transport.socketChannelClass())
              .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000)
              .handler(
                  new io.netty.channel.ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                      ch.pipeline()
                          .addLast("relay-tls", toRelay.newHandler(ch.alloc()))
                          .addLast("connect", new ConnectAnswerHandler(connectAnswer));
                    }
                  })
              .connect(relay.tls())
              .sync()
              .channel();
      agent
          .writeAndFlush(
              agent
                  .alloc()
                  .buffer()
                  .writeBytes(
                      ("CONNECT "
                              + https.site()
                              + " HTTP/1.1\r\nHost: "
                              + https.site()
                              + "\r\n\r\n")
                          .getBytes(StandardCharsets.US_ASCII)))
          .sync();
      assertThat(connectAnswer.get(5, TimeUnit.SECONDS))
          .startsWith("HTTP/1.1 200 Connection established\r\n");

      // The agent's own TLS to the server, checked against the server's name and role.
      agent
          .eventLoop()
          .submit(
              () -> {
                agent.pipeline().remove("connect");
                SslHandler inner =
                    TlsContexts.newClientHandler(
                        toServer, agent.alloc(), RelayFixture.SERVER_NAME, https.port());
                agent
                    .pipeline()
                    .addLast("server-tls", inner)
                    .addLast(new HttpClientCodec())
                    .addLast(new HttpObjectAggregator(64 * 1024))
                    .addLast(new ResponseHandler(response));
              })
          .sync();
      DefaultFullHttpRequest get =
          new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/inside");
      get.headers().set(HttpHeaderNames.HOST, https.site());
      agent.writeAndFlush(get).sync();
      FullHttpResponse answer = response.get(10, TimeUnit.SECONDS);
      try {
        assertThat(answer.status().code()).isEqualTo(200);
        assertThat(answer.content().toString(StandardCharsets.UTF_8))
            .isEqualTo("hello from /inside");
        SslHandler inner = agent.pipeline().get(SslHandler.class);
        assertThat(inner).isNotNull();
      } finally {
        answer.release();
        agent.close().sync();
      }
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }
  }

  @Test
  void httpClient_throughPlainListener_fetchesFromHttpsServer() throws Exception {
    try (RelayFixture relay =
        RelayFixture.start(
            hosts.pki(),
            RelayFixture.settings().withPlainProxy(RelayFixture.plainFor("127.0.0.0/8")),
            null,
            https.site())) {
      JdkClientTls tls = TlsContexts.forJdkClient(hosts.pki().trustOnly(), Role.SERVER);
      HttpClient client =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .proxy(ProxySelector.of(relay.plain()))
              .sslContext(tls.context())
              .sslParameters(tls.parameters())
              .connectTimeout(Duration.ofSeconds(5))
              .build();
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(URI.create("https://" + https.site() + "/from-jdk"))
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("hello from /from-jdk");
    }
  }

  @Test
  void curl_throughTlsListener_fetchesFromHttpsServer() throws Exception {
    Path curl = Path.of("/usr/bin/curl");
    assumeTrue(Files.isExecutable(curl), "curl is not installed");
    CaDirectory ca = hosts.pki().directory();
    try (RelayFixture relay =
        RelayFixture.start(hosts.pki(), RelayFixture.settings(), null, https.site())) {
      Process process =
          new ProcessBuilder(
                  List.of(
                      curl.toString(),
                      "--silent",
                      "--show-error",
                      "--max-time",
                      "20",
                      "--proxy",
                      "https://127.0.0.1:" + relay.tls().getPort(),
                      "--proxy-cacert",
                      ca.caCertificate().toString(),
                      "--proxy-cert",
                      ca.certificate(RelayFixture.AGENT).toString(),
                      "--proxy-key",
                      ca.privateKey(RelayFixture.AGENT).toString(),
                      "--cacert",
                      ca.caCertificate().toString(),
                      "https://" + https.site() + "/from-curl"))
              .redirectErrorStream(true)
              .start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(output).isEqualTo("hello from /from-curl");
      assertThat(process.exitValue()).isZero();
    }
  }

  @Test
  void connect_withoutClientCertificate_isRefused403() throws Exception {
    try (RelayFixture relay =
        RelayFixture.start(hosts.pki(), RelayFixture.settings(), null, https.site())) {
      int before = https.requests.get();
      try (RawClient client = relay.connect(RelayFixture.toRelay(hosts.pki().trustOnly()))) {
        RawClient.Answer answer =
            client.send("CONNECT " + https.site() + " HTTP/1.1\r\nHost: x\r\n\r\n").readAnswer();
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.text()).isEqualTo(RequestRouterHandler.NO_CERTIFICATE + "\n");
        assertThat(client.closedByPeer()).isTrue();
      }
      assertThat(https.requests.get()).isEqualTo(before);
      assertThat(logs.linesContaining("refused 403")).hasSize(1);
    }
  }

  @Test
  void tls_clientCertificateFromAnotherCa_isRefused(@TempDir Path strangerDir) throws Exception {
    Credential stranger =
        LoopbackPki.create(strangerDir, "CN=Another organisation")
            .issue(Role.AGENT, RelayFixture.AGENT)
            .material(RelayFixture.AGENT)
            .identity()
            .orElseThrow();
    try (RelayFixture relay =
        RelayFixture.start(hosts.pki(), RelayFixture.settings(), null, https.site())) {
      int before = https.requests.get();
      assertThatThrownBy(
              () -> {
                try (RawClient client =
                    RawClient.tls(StrangerTls.presenting(stranger), null, relay.tls())) {
                  client
                      .send("CONNECT " + https.site() + " HTTP/1.1\r\nHost: x\r\n\r\n")
                      .readAnswer();
                }
              })
          .isInstanceOf(IOException.class);
      assertThat(https.requests.get()).isEqualTo(before);
      // The certificate was presented, and refused: not the "no certificate" case.
      assertThat(logs.linesContaining("TLS handshake with"))
          .singleElement()
          .asString()
          .doesNotContain("DID_NOT_RETURN");
    }
  }

  @Test
  void plainListener_sourceOutsideAllowedNetworks_isClosed() throws Exception {
    try (RelayFixture relay =
        RelayFixture.start(
            hosts.pki(),
            RelayFixture.settings().withPlainProxy(RelayFixture.plainFor("10.0.0.0/8")),
            null,
            https.site())) {
      for (int i = 0; i < 2; i++) {
        try (RawClient client = RawClient.plain(relay.plain())) {
          assertThat(client.closedByPeer()).isTrue();
        }
      }
      assertThat(relay.server.load()).isZero();
      // Logged once per source, not once per connection.
      assertThat(logs.linesContaining("outside the allowed networks")).hasSize(1);
    }
  }

  @Test
  void plainListener_isOffByDefault() throws Exception {
    try (RelayFixture relay =
        RelayFixture.start(hosts.pki(), RelayFixture.settings(), null, https.site())) {
      assertThat(relay.server.plainAddress()).isEmpty();
    }
  }

  /** Collects the relay's answer to the CONNECT, and nothing after it. */
  private static final class ConnectAnswerHandler extends SimpleChannelInboundHandler<ByteBuf> {
    private final CompletableFuture<String> answer;
    private final StringBuilder text = new StringBuilder();

    ConnectAnswerHandler(CompletableFuture<String> answer) {
      this.answer = answer;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf msg) {
      text.append(msg.toString(StandardCharsets.ISO_8859_1));
      if (text.indexOf("\r\n\r\n") >= 0) {
        answer.complete(text.toString());
      }
    }
  }

  private static final class ResponseHandler extends SimpleChannelInboundHandler<FullHttpResponse> {
    private final CompletableFuture<FullHttpResponse> response;

    ResponseHandler(CompletableFuture<FullHttpResponse> response) {
      this.response = response;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse msg) {
      response.complete(msg.retain());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      response.completeExceptionally(cause);
      ctx.close();
    }
  }
}
