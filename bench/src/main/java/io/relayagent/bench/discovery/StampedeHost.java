package io.relayagent.bench.discovery;

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
import io.relayagent.bench.common.BenchTrust;
import io.relayagent.bench.common.ConnectTunnelHandler;
import io.relayagent.bench.common.Percentiles;
import io.relayagent.mesh.discovery.DiscoveryClient;
import io.relayagent.mesh.discovery.DiscoveryRound;
import io.relayagent.mesh.discovery.KnownRelay;
import io.relayagent.mesh.discovery.OfferVerifier;
import io.relayagent.trust.Role;
import io.relayagent.trust.TlsContexts;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A stampede: many agents discover at the same moment, each takes the first valid offer as the
 * production client reports it, and at once opens a mutual-TLS tunnel through that relay ({@code
 * CONNECT} to the server) from its own source address, and holds it. Prints which relays the agents
 * chose, how many tunnels each relay took, when the first offers came, then {@code HOLDING}; holds
 * every tunnel until its standard input closes.
 *
 * <p>Arguments: CA_DIR AGENT_CERTIFICATE DISCOVERY_PORT BROADCAST SUBNET(a.b.c) FIRST_HOST AGENTS
 * PER_ADDRESS TARGET(host:port).
 */
public final class StampedeHost {
  /**
   * Generous: on a machine this host shares with the relays, its own verification of the offers can
   * lag, and which relay answered first is decided on each agent's socket, not by this wait.
   */
  private static final Duration FIRST_OFFER_TIMEOUT = Duration.ofSeconds(30);

  private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(180);

  /**
   * TLS handshakes under way at once. A thousand agents are a thousand machines; this one process
   * on the relays' two cores cannot complete a thousand handshakes within the relays' ten-second
   * head timeout, so it queues them. Which relay each agent uses is decided before, by the first
   * answer.
   */
  private static final int HANDSHAKES_IN_FLIGHT = 64;

  /** Agents that discover before the stampede, to warm this process up (not the relays). */
  private static final int WARM_UP_AGENTS = 40;

  private final Map<String, AtomicInteger> chosen = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> established = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
  private final AtomicInteger closedAfterEstablished = new AtomicInteger();
  private final Deque<Runnable> waiting = new ArrayDeque<>();
  private int inFlight;

  private StampedeHost() {}

  public static void main(String[] args) throws Exception {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
    new StampedeHost().run(args);
  }

  private void run(String[] args) throws Exception {
    Path caDir = Path.of(args[0]);
    OfferVerifier verifier = BenchTrust.simulatedAgentsVerifier(BenchTrust.authenticator(caDir));
    SslContext tls = TlsContexts.forClient(BenchTrust.material(caDir, args[1]), Role.RELAY);
    List<InetSocketAddress> targets =
        List.of(new InetSocketAddress(args[3], Integer.parseInt(args[2])));
    String subnet = args[4];
    int firstHost = Integer.parseInt(args[5]);
    int agents = Integer.parseInt(args[6]);
    int perAddress = Integer.parseInt(args[7]);
    String target = args[8];

    // Discovery and tunnels on loops of their own: an offer never waits behind a handshake.
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    EventLoopGroup tunnelGroup = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    ChannelGroup held = new DefaultChannelGroup("held", GlobalEventExecutor.INSTANCE);
    Bootstrap tunnels =
        new Bootstrap()
            .group(tunnelGroup)
            .channel(NioSocketChannel.class)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000);
    List<DiscoveryClient> clients = new ArrayList<>();
    List<InetAddress> sources = new ArrayList<>();
    for (int i = 0; i < agents; i++) {
      InetAddress source = InetAddress.getByName(subnet + "." + (firstHost + i / perAddress));
      sources.add(source);
      clients.add(new DiscoveryClient(group, "stampede-" + i, verifier, Clock.systemUTC(), source));
    }
    warmUp(clients.subList(0, Math.min(WARM_UP_AGENTS, agents)), targets);
    System.err.println("READY");

    CountDownLatch settled = new CountDownLatch(agents);
    AtomicLongArray askedAt = new AtomicLongArray(agents);
    AtomicLongArray answeredAt = new AtomicLongArray(agents);
    for (int i = 0; i < agents; i++) {
      int agent = i;
      askedAt.set(i, System.nanoTime());
      clients
          .get(i)
          .discover(
              targets,
              Duration.ofMillis(1),
              FIRST_OFFER_TIMEOUT,
              relay -> {
                // The production client reports each valid offer; the agent uses the first.
                if (answeredAt.compareAndSet(agent, 0, System.nanoTime())) {
                  count(chosen, relay.relayId());
                  startWhenFree(
                      () -> open(tunnels, tls, held, relay, sources.get(agent), target, settled));
                }
              })
          .whenComplete(
              (DiscoveryRound round, Throwable error) -> {
                if (answeredAt.get(agent) == 0) {
                  count(failures, error != null ? error.toString() : "no offer");
                  settled.countDown();
                }
              });
    }
    boolean all = settled.await(SETTLE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);

    List<Long> micros = new ArrayList<>();
    for (int i = 0; i < agents; i++) {
      if (answeredAt.get(i) != 0) {
        micros.add((answeredAt.get(i) - askedAt.get(i)) / 1000);
      }
    }
    long[] answered = micros.stream().mapToLong(Long::longValue).toArray();
    System.out.println("CHOSE " + counts(chosen));
    System.out.println("ESTABLISHED " + counts(established));
    System.out.println(
        "OFFERS agents="
            + agents
            + " answered="
            + answered.length
            + " within1s="
            + micros.stream().filter(m -> m <= 1_000_000).count()
            + " "
            + new Percentiles(answered).summary());
    System.out.println(
        "FAILED "
            + counts(failures)
            + (all ? "" : " (some attempts still pending)")
            + " closedAfterEstablished="
            + closedAfterEstablished.get());
    System.out.println("HOLDING");
    System.out.flush();
    while (System.in.read() >= 0) {
      // Hold every tunnel until the benchmark has read the relays' counts and closes our input.
    }
    held.close().awaitUninterruptibly(30, TimeUnit.SECONDS);
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    tunnelGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    verifier.close();
  }

  /**
   * A few agents discover first, one at a time, and open no tunnel: this process then verifies the
   * stampede's offers with compiled code, as a thousand agents that have run for a while would. The
   * relays forget these answers (their promised offers decay in a few seconds) before the stampede
   * starts.
   */
  private static void warmUp(List<DiscoveryClient> clients, List<InetSocketAddress> targets)
      throws Exception {
    for (DiscoveryClient client : clients) {
      client.discover(targets, Duration.ofMillis(50), FIRST_OFFER_TIMEOUT, relay -> {}).get();
    }
    Thread.sleep(5_000);
  }

  /** Opens a tunnel now if fewer than {@link #HANDSHAKES_IN_FLIGHT} are opening, else later. */
  private void startWhenFree(Runnable open) {
    synchronized (waiting) {
      if (inFlight >= HANDSHAKES_IN_FLIGHT) {
        waiting.add(open);
        return;
      }
      inFlight++;
    }
    open.run();
  }

  /** One tunnel has its outcome: the next waiting one may open. */
  private void opened() {
    Runnable next;
    synchronized (waiting) {
      next = waiting.poll();
      if (next == null) {
        inFlight--;
        return;
      }
    }
    next.run();
  }

  /** Opens the agent's tunnel from its own address, as a real agent's would come. */
  private void open(
      Bootstrap tunnels,
      SslContext tls,
      ChannelGroup held,
      KnownRelay relay,
      InetAddress source,
      String target,
      CountDownLatch settled) {
    InetSocketAddress address = relay.tunnelAddress();
    ConnectTunnelHandler.Outcome outcome =
        new ConnectTunnelHandler.Outcome() {
          @Override
          public void established() {
            count(established, relay.relayId());
            settled.countDown();
            opened();
          }

          @Override
          public void failed(String reason) {
            count(failures, reason);
            settled.countDown();
            opened();
          }

          @Override
          public void closedAfterEstablished() {
            closedAfterEstablished.incrementAndGet();
          }
        };
    ConnectTunnelHandler.follow(
        tunnels
            .clone()
            .localAddress(new InetSocketAddress(source, 0))
            .handler(ConnectTunnelHandler.pipeline(tls, address, target, () -> outcome))
            .connect(address),
        held,
        outcome);
  }

  private static void count(Map<String, AtomicInteger> counts, String key) {
    counts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
  }

  /** {@code a=1 b=2}, sorted by key. */
  private static String counts(Map<String, AtomicInteger> counts) {
    StringBuilder line = new StringBuilder();
    new TreeMap<>(counts)
        .forEach(
            (key, count) ->
                line.append(key.replace(' ', '_')).append('=').append(count.get()).append(' '));
    return line.toString().trim();
  }
}
