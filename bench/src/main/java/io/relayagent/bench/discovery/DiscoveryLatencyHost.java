package io.relayagent.bench.discovery;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.relayagent.bench.common.BenchTrust;
import io.relayagent.bench.common.Percentiles;
import io.relayagent.config.InterfaceSelection;
import io.relayagent.config.RelayClientPolicy;
import io.relayagent.mesh.discovery.DiscoveryClient;
import io.relayagent.mesh.discovery.DiscoveryRound;
import io.relayagent.mesh.discovery.LiveTargets;
import io.relayagent.mesh.discovery.OfferVerifier;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Measures, on an agent whose direct path is blocked, the time from the start of a direct
 * connection attempt (which fails) until the agent holds a valid, verified offer; and, as the peer,
 * a bare UDP round trip to the relay's host.
 *
 * <p>Each round is what the agent does when its direct path fails: take the discovery targets of
 * its interfaces (those of the last look at once, a fresh look alongside), send, check the first
 * offer. The time to the offer is also broken down: until the request left (targets, socket), on
 * the wire (the offer's round trip: the relay's answer included), and from the offer's arrival
 * until it was checked and handed over. Rounds rotate over the agent host's source addresses, since
 * a relay answers one address only a few times a second. The first round of the fresh JVM is
 * reported on its own, after the warm-up an agent runs at start (or without it, with {@code
 * no-warm-up}).
 *
 * <p>Arguments: CA_DIR DISCOVERY_PORT INTERFACE SERVER_IP SERVER_PORT ECHO_IP ECHO_PORT ROUNDS
 * FIRST_SOURCE_ADDRESS SOURCE_ADDRESSES [no-warm-up].
 */
public final class DiscoveryLatencyHost {
  private static final int WARM_UP = 50;

  private DiscoveryLatencyHost() {}

  public static void main(String[] args) throws Exception {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    int port = Integer.parseInt(args[1]);
    InetSocketAddress server = new InetSocketAddress(args[3], Integer.parseInt(args[4]));
    InetSocketAddress echo = new InetSocketAddress(args[5], Integer.parseInt(args[6]));
    int rounds = Integer.parseInt(args[7]);
    boolean warmUp = !(args.length > 10 && args[10].equals("no-warm-up"));
    InterfaceSelection selection = new InterfaceSelection(List.of(args[2]), List.of());
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    OfferVerifier verifier = new OfferVerifier(BenchTrust.authenticator(Path.of(args[0])));
    if (warmUp) {
      verifier.warmUp().get(30, TimeUnit.SECONDS);
    }
    LiveTargets liveTargets = new LiveTargets();
    String[] firstSource = args[8].split("\\.");
    List<DiscoveryClient> clients = new ArrayList<>();
    for (int i = 0; i < Integer.parseInt(args[9]); i++) {
      String source =
          firstSource[0]
              + "."
              + firstSource[1]
              + "."
              + firstSource[2]
              + "."
              + (Integer.parseInt(firstSource[3]) + i);
      clients.add(
          new DiscoveryClient(
                  group, "bench-agent", verifier, Clock.systemUTC(), InetAddress.getByName(source))
              .keepingASocketReady());
    }
    long[] directFail = new long[rounds];
    long[] toOffer = new long[rounds];
    long[] targetsTook = new long[rounds];
    long[] untilSent = new long[rounds];
    long[] onTheWire = new long[rounds];
    long[] checking = new long[rounds];
    long firstRound = -1;
    for (int i = -WARM_UP; i < rounds; i++) {
      AtomicLong firstOffer = new AtomicLong();
      AtomicReference<Duration> firstRoundTrip = new AtomicReference<>();
      long start = System.nanoTime();
      tryDirect(server);
      long failed = System.nanoTime();
      LiveTargets.Lookup targets =
          liveTargets.lookup(selection, port, RelayClientPolicy.DEFAULT_MULTICAST_GROUP);
      List<InetSocketAddress> known =
          targets.known().isEmpty() ? targets.fresh().get() : targets.known();
      long targetsKnown = System.nanoTime();
      DiscoveryRound round =
          clients
              .get(Math.floorMod(i, clients.size()))
              .discover(
                  known,
                  targets.fresh(),
                  Duration.ofMillis(5),
                  Duration.ofSeconds(2),
                  relay -> {
                    if (firstOffer.compareAndSet(0, System.nanoTime())) {
                      firstRoundTrip.set(relay.roundTrip());
                    }
                  })
              .get(10, TimeUnit.SECONDS);
      if (i == -WARM_UP) {
        firstRound = firstOffer.get() == 0 ? -1 : (firstOffer.get() - start) / 1000;
      }
      if (i >= 0) {
        directFail[i] = (failed - start) / 1000;
        targetsTook[i] = (targetsKnown - failed) / 1000;
        if (firstOffer.get() == 0) {
          toOffer[i] = Long.MAX_VALUE;
          continue;
        }
        toOffer[i] = (firstOffer.get() - start) / 1000;
        untilSent[i] = round.requestSentAfter().toNanos() / 1000;
        onTheWire[i] = firstRoundTrip.get().toNanos() / 1000;
        checking[i] = (firstOffer.get() - targetsKnown) / 1000 - untilSent[i] - onTheWire[i];
      }
    }
    System.out.println("FIRST-ROUND " + (warmUp ? "warmed" : "not-warmed") + " " + firstRound);
    if (rounds > 0) {
      System.out.println("DIRECT-FAIL " + new Percentiles(directFail).summary());
      System.out.println("TARGETS " + new Percentiles(targetsTook).summary());
      System.out.println("DISCOVERY " + new Percentiles(toOffer).summary());
      System.out.println("  UNTIL-SENT " + new Percentiles(untilSent).summary());
      System.out.println("  ON-THE-WIRE " + new Percentiles(onTheWire).summary());
      System.out.println("  CHECKING " + new Percentiles(checking).summary());
      System.out.println(
          "UDP-ECHO " + new Percentiles(echoRoundTrips(echo, 1000 + WARM_UP)).summary());
    }
    clients.forEach(DiscoveryClient::close);
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    liveTargets.close();
    verifier.close();
  }

  private static void tryDirect(InetSocketAddress server) {
    try (Socket socket = new Socket()) {
      socket.connect(server, 2000);
      throw new IllegalStateException(
          "the direct path to " + server + " is open; the bench needs it blocked");
    } catch (IOException expected) {
      // The agent's direct path fails; discovery starts now.
    }
  }

  private static long[] echoRoundTrips(InetSocketAddress echo, int count) throws IOException {
    long[] micros = new long[count - WARM_UP];
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.setSoTimeout(1000);
      byte[] payload = new byte[64];
      byte[] reply = new byte[2048];
      for (int i = 0; i < count; i++) {
        long start = System.nanoTime();
        socket.send(new DatagramPacket(payload, payload.length, echo));
        socket.receive(new DatagramPacket(reply, reply.length));
        if (i >= WARM_UP) {
          micros[i - WARM_UP] = (System.nanoTime() - start) / 1000;
        }
      }
    }
    return micros;
  }
}
