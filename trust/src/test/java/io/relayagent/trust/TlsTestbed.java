package io.relayagent.trust;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.concurrent.Future;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Real TLS servers and clients on 127.0.0.1 ephemeral ports, on one event loop group that {@link
 * #close} shuts down with every channel.
 */
final class TlsTestbed implements AutoCloseable {
  static final String LOOPBACK = "127.0.0.1";
  static final long TIMEOUT_SECONDS = 10;

  /** Each TLS engine available here: the JDK's, and BoringSSL where netty-tcnative loads. */
  static java.util.stream.Stream<io.netty.handler.ssl.SslProvider> providers() {
    List<io.netty.handler.ssl.SslProvider> providers =
        new java.util.ArrayList<>(List.of(io.netty.handler.ssl.SslProvider.JDK));
    if (io.netty.handler.ssl.OpenSsl.isAvailable()) {
      providers.add(io.netty.handler.ssl.SslProvider.OPENSSL);
    }
    return providers.stream();
  }

  private final EventLoopGroup group =
      new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
  private final List<Channel> channels = new CopyOnWriteArrayList<>();

  /** A server that echoes what it reads, reporting each connection's handshake outcome. */
  record EchoServer(int port, BlockingQueue<Outcome> handshakes) {
    Outcome nextHandshake() throws InterruptedException {
      Outcome outcome = handshakes.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      if (outcome == null) {
        throw new AssertionError("no handshake reached the server");
      }
      return outcome;
    }
  }

  EchoServer echoServer(SslContext context) throws InterruptedException {
    BlockingQueue<Outcome> handshakes = new LinkedBlockingQueue<>();
    int port =
        listen(
            channel -> {
              SslHandler tls = context.newHandler(channel.alloc());
              channel.pipeline().addLast(tls, new EchoHandler(tls, handshakes));
            });
    return new EchoServer(port, handshakes);
  }

  /**
   * A relay for tests: TLS with {@code context} towards its clients, then every decrypted byte
   * piped over plain TCP to {@code targetPort}, and back. Whatever it piped is copied to {@code
   * seen}, to show what a relay can read.
   */
  int relay(SslContext context, int targetPort, ByteArrayOutputStream seen)
      throws InterruptedException {
    return listen(
        channel ->
            channel
                .pipeline()
                .addLast(context.newHandler(channel.alloc()), new PipeHandler(targetPort, seen)));
  }

  /** A client connection whose TLS handler {@code tls} makes; see {@link Client}. */
  Client connect(int port, Function<Channel, SslHandler> tls) throws InterruptedException {
    Client client = new Client();
    Channel channel =
        new Bootstrap()
            .group(group)
            .channel(NioSocketChannel.class)
            .handler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    SslHandler handler = tls.apply(ch);
                    client.handlers.put("tls", handler);
                    ch.pipeline().addLast("tls", handler).addLast(client.collector());
                  }
                })
            .connect(LOOPBACK, port)
            .sync()
            .channel();
    channels.add(channel);
    client.channel = channel;
    return client;
  }

  private int listen(java.util.function.Consumer<Channel> pipeline) throws InterruptedException {
    Channel server =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    channels.add(ch);
                    pipeline.accept(ch);
                  }
                })
            .bind(LOOPBACK, 0)
            .sync()
            .channel();
    channels.add(server);
    return ((InetSocketAddress) server.localAddress()).getPort();
  }

  @Override
  public void close() {
    for (Channel channel : channels) {
      channel.close().syncUninterruptibly();
    }
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }

  /** The client side of a connection: its handshakes and an exchange of text with the echo. */
  static final class Client {
    private final StringBuilder received = new StringBuilder();
    private CompletableFuture<String> reply = new CompletableFuture<>();
    private int expected;
    // Kept here because a closed channel's pipeline no longer holds its handlers.
    private final Map<String, SslHandler> handlers = new ConcurrentHashMap<>();
    // The first failure the pipeline reported, such as the peer's alert after a TLS 1.3 handshake.
    private volatile Throwable caught;
    Channel channel;

    /** Adds a TLS layer above the one named {@code below}: its records travel inside that one. */
    void addTlsAbove(String below, String name, SslHandler handler) {
      handlers.put(name, handler);
      channel.pipeline().addAfter(below, name, handler);
    }

    /** How the handshake of the TLS handler named {@code name} ended. */
    Outcome handshake(String name) throws InterruptedException {
      SslHandler handler = handlers.get(name);
      Future<Channel> done = handler.handshakeFuture();
      if (!done.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        throw new AssertionError("the handshake did not end");
      }
      return done.isSuccess()
          ? new Outcome(handler.engine().getSession(), null)
          : new Outcome(null, done.cause());
    }

    Outcome handshake() throws InterruptedException {
      return handshake("tls");
    }

    /** Sends {@code text} and waits until the same number of characters came back. */
    String exchange(String text) throws Exception {
      synchronized (received) {
        received.setLength(0);
        expected = text.length();
        reply = new CompletableFuture<>();
      }
      ChannelFuture write =
          channel.writeAndFlush(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8)).await();
      if (!write.isSuccess()) {
        // The connection failed before this was written (the peer's alert closed the engine):
        // the pipeline reported why first, on the same event loop, so the reason is the one kept.
        Throwable first = caught;
        throw new ExecutionException(first != null ? first : write.cause());
      }
      return reply.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    ChannelHandler collector() {
      return new ChannelInboundHandlerAdapter() {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
          ByteBuf buf = (ByteBuf) msg;
          try {
            synchronized (received) {
              received.append(buf.toString(StandardCharsets.UTF_8));
              if (received.length() >= expected) {
                reply.complete(received.toString());
              }
            }
          } finally {
            buf.release();
          }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
          if (caught == null) {
            caught = cause;
          }
          reply.completeExceptionally(cause);
          ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
          reply.completeExceptionally(new java.io.IOException("the connection was closed"));
          ctx.fireChannelInactive();
        }
      };
    }
  }

  private static final class EchoHandler extends ChannelInboundHandlerAdapter {
    private final SslHandler tls;
    private final BlockingQueue<Outcome> handshakes;

    EchoHandler(SslHandler tls, BlockingQueue<Outcome> handshakes) {
      this.tls = tls;
      this.handshakes = handshakes;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
      if (evt instanceof SslHandshakeCompletionEvent event) {
        handshakes.add(
            event.isSuccess()
                ? new Outcome(tls.engine().getSession(), null)
                : new Outcome(null, event.cause()));
      }
      ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ctx.writeAndFlush(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close(); // the outcome above already tells the test why
    }
  }
}
