package io.relayagent.bench.tunnel;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.relayagent.bench.common.BenchArgs;
import io.relayagent.bench.common.ConnectTunnelHandler;
import io.relayagent.bench.common.ProcessStats;
import io.relayagent.trust.Role;
import io.relayagent.trust.TlsContexts;
import java.net.InetSocketAddress;
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
  private static final int GOAL_KIB_PER_TUNNEL = 10;
  private static final int GOAL_TUNNELS = 8000;
  private static final int SOURCES = 200;
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
                  ConnectTunnelHandler.pipeline(
                      tls,
                      new InetSocketAddress("127.0.0.1", relayPort),
                      target,
                      () -> outcome(slots)));
      long start = System.nanoTime();
      int attempted = 0;
      while (attempted < count && System.nanoTime() - start < OPEN_DEADLINE_NANOS) {
        if (!slots.tryAcquire(1, TimeUnit.SECONDS)) {
          continue;
        }
        attempted++;
        ConnectTunnelHandler.follow(
            bootstrap.connect(
                new InetSocketAddress("127.0.0.1", relayPort), sourceAddress(attempted)),
            open,
            outcome(slots));
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
      double kibPerTunnel = held == 0 ? 0.0 : (rss - rssBefore) / (double) held;
      System.out.println();
      System.out.println("| goal (issue 16) | result | met |");
      System.out.println("|---|---|---|");
      System.out.printf(
          Locale.ROOT,
          "| relay memory at most %d KiB per open tunnel, with %,d tunnels | %.1f KiB, %,d held |"
              + " %s |%n",
          GOAL_KIB_PER_TUNNEL,
          GOAL_TUNNELS,
          kibPerTunnel,
          held,
          kibPerTunnel <= GOAL_KIB_PER_TUNNEL && held >= GOAL_TUNNELS ? "yes" : "**no**");
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

  /**
   * The source of the {@code n}th connection: one of {@link #SOURCES} loopback addresses in turn,
   * as many agents would be. The relay lets one address have only 16 connections without a request
   * head (its pre-authentication budget); from a single address, 64 handshakes in flight on a busy
   * machine were refused at accept.
   */
  private static InetSocketAddress sourceAddress(int n) {
    return new InetSocketAddress("127.0.1." + (1 + n % SOURCES), 0);
  }

  private void fail(String reason) {
    failures.computeIfAbsent(reason, r -> new AtomicInteger()).incrementAndGet();
  }

  /** Counts an attempt's outcome and frees its slot once it has one. */
  private ConnectTunnelHandler.Outcome outcome(Semaphore slots) {
    return new ConnectTunnelHandler.Outcome() {
      @Override
      public void established() {
        established.incrementAndGet();
        slots.release();
      }

      @Override
      public void failed(String reason) {
        fail(reason);
        slots.release();
      }

      @Override
      public void closedAfterEstablished() {
        closedAfterEstablished.incrementAndGet();
      }
    };
  }
}
