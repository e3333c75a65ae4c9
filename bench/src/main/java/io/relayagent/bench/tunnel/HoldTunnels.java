package io.relayagent.bench.tunnel;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.relayagent.bench.common.BenchArgs;
import io.relayagent.bench.common.ProcessStats;
import io.relayagent.trust.Role;
import io.relayagent.trust.TlsContexts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The "tunnels held open" part of bench/tunnel.sh: opens {@code count} mutual-TLS connections to
 * the relay as an agent, each asking {@code CONNECT} to nginx, and holds every tunnel open (sending
 * nothing more) while it reads the relay's memory and open files from /proc. Reports how many
 * tunnels were established and why the others failed.
 *
 * <pre>
 * java ... HoldTunnels pki=DIR relayTls=PORT target=HOST:PORT relayPid=PID maxConnections=N
 *     [count=8000] [inFlight=64] [hold=10]
 * </pre>
 */
public final class HoldTunnels {
  private static final long OPEN_DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(180);

  private final AtomicInteger established = new AtomicInteger();
  private final AtomicInteger closedAfterEstablished = new AtomicInteger();
  private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();

  private HoldTunnels() {}

  public static void main(String[] args) throws Exception {
    new HoldTunnels().run(new BenchArgs(args));
  }

  private void run(BenchArgs options) throws Exception {
    int count = options.integer("count", 8000);
    int inFlight = options.integer("inFlight", 64);
    int holdSeconds = options.integer("hold", 10);
    long relayPid = options.pid("relayPid");
    int maxConnections = options.integer("maxConnections");
    int relayPort = options.integer("relayTls");
    String target = options.string("target");
    SslContext tls =
        TlsContexts.forClient(
            new BenchPki(Path.of(options.string("pki"))).material(BenchPki.AGENT), Role.RELAY);
    byte[] connect =
        ("CONNECT " + target + " HTTP/1.1\r\nHost: " + target + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);

    MachineLoad.awaitQuiet(0.3, 120);
    long rssBefore = ProcessStats.memoryKib(relayPid, "VmRSS");
    long filesBefore = ProcessStats.openFiles(relayPid);
    System.out.printf(
        Locale.ROOT,
        "relay before: RSS %d MiB, %d open files, max connections %d (its setting); opening %d"
            + " tunnels, %d handshakes at a time%n",
        rssBefore / 1024,
        filesBefore,
        maxConnections,
        count,
        inFlight);

    ChannelGroup open = new DefaultChannelGroup("held-tunnels", GlobalEventExecutor.INSTANCE);
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    Semaphore slots = new Semaphore(inFlight);
    try {
      Bootstrap bootstrap =
          new Bootstrap()
              .group(group)
              .channel(NioSocketChannel.class)
              .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
              .handler(
                  new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                      channel
                          .pipeline()
                          .addLast(tls.newHandler(channel.alloc(), "127.0.0.1", relayPort))
                          .addLast(new ConnectHandler(connect, slots));
                    }
                  });
      long start = System.nanoTime();
      int attempted = 0;
      while (attempted < count && System.nanoTime() - start < OPEN_DEADLINE_NANOS) {
        if (!slots.tryAcquire(1, TimeUnit.SECONDS)) {
          continue;
        }
        attempted++;
        ChannelFuture connecting = bootstrap.connect("127.0.0.1", relayPort);
        connecting.addListener(
            connected -> {
              Channel channel = connecting.channel();
              if (connected.isSuccess()) {
                open.add(channel);
                return;
              }
              ConnectHandler handler = channel.pipeline().get(ConnectHandler.class);
              if (handler != null) {
                handler.connectFailed(connected.cause());
              } else {
                fail(connected.cause().toString());
                slots.release();
              }
            });
      }
      // Every attempt has ended (200 or failure) once all slots are free again.
      long left = OPEN_DEADLINE_NANOS - (System.nanoTime() - start);
      boolean settled = slots.tryAcquire(inFlight, Math.max(left, 1), TimeUnit.NANOSECONDS);
      double openSeconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "attempted %d, established %d in %.1f s (%.0f per second)%s%n",
          attempted,
          established.get(),
          openSeconds,
          established.get() / openSeconds,
          settled ? "" : "; some attempts still pending at the deadline");

      Thread.sleep(TimeUnit.SECONDS.toMillis(holdSeconds));
      long rss = ProcessStats.memoryKib(relayPid, "VmRSS");
      long hwm = ProcessStats.memoryKib(relayPid, "VmHWM");
      long files = ProcessStats.openFiles(relayPid);
      int held = established.get() - closedAfterEstablished.get();
      System.out.printf(
          Locale.ROOT,
          "after holding %d s: %d tunnels still open; relay RSS %d MiB (peak %d MiB),"
              + " %d open files; %.1f KiB of RSS per tunnel over the idle relay%n",
          holdSeconds,
          held,
          rss / 1024,
          hwm / 1024,
          files,
          held == 0 ? 0.0 : (rss - rssBefore) / (double) held);
      if (!failures.isEmpty()) {
        System.out.println("failures: " + new TreeMap<>(failures));
      }
      System.out.printf(
          Locale.ROOT,
          "RESULT tunnels=%d attempted=%d rssMiB=%d peakMiB=%d idleRssMiB=%d kibPerTunnel=%.1f"
              + " files=%d openSeconds=%.1f%n",
          held,
          attempted,
          rss / 1024,
          hwm / 1024,
          rssBefore / 1024,
          held == 0 ? 0.0 : (rss - rssBefore) / (double) held,
          files,
          openSeconds);
    } finally {
      open.close().awaitUninterruptibly(30, TimeUnit.SECONDS);
      group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }

  private void fail(String reason) {
    failures.computeIfAbsent(reason, r -> new AtomicInteger()).incrementAndGet();
  }

  /** TLS handshake, then CONNECT, then the 200: the tunnel is then held as it is. */
  private final class ConnectHandler extends ChannelInboundHandlerAdapter {
    private final byte[] connect;
    private final Semaphore slots;
    private final StringBuilder answer = new StringBuilder();
    private boolean done;
    private boolean tunnel;

    ConnectHandler(byte[] connect, Semaphore slots) {
      this.connect = connect;
      this.slots = slots;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
      if (event instanceof SslHandshakeCompletionEvent handshake) {
        if (handshake.isSuccess()) {
          ctx.writeAndFlush(Unpooled.wrappedBuffer(connect));
        } else {
          finish(ctx, "TLS handshake: " + handshake.cause());
        }
      }
      ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      try {
        if (!done && msg instanceof ByteBuf bytes) {
          answer.append(bytes.toString(StandardCharsets.ISO_8859_1));
          int end = answer.indexOf("\r\n\r\n");
          if (end >= 0) {
            String status = answer.substring(0, answer.indexOf("\r\n"));
            if (status.startsWith("HTTP/1.1 200")) {
              tunnel = true;
              established.incrementAndGet();
              finish(ctx, null);
            } else {
              finish(ctx, "answer: " + status + " " + answer.substring(end + 4).trim());
            }
          }
        }
      } finally {
        ReferenceCountUtil.release(msg);
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (tunnel) {
        closedAfterEstablished.incrementAndGet();
      }
      finish(ctx, "closed before the answer");
    }

    /** Runs on the channel's event loop, as every other method here. */
    void connectFailed(Throwable cause) {
      finish(null, "connect: " + cause);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      finish(ctx, cause.toString());
    }

    /**
     * Ends the attempt once: frees its slot; on failure records why and closes ({@code ctx} is null
     * when the connection never opened).
     */
    private void finish(ChannelHandlerContext ctx, String failure) {
      if (done) {
        return;
      }
      done = true;
      slots.release();
      if (failure != null) {
        fail(failure);
        if (ctx != null) {
          ctx.close();
        }
      }
    }
  }
}
