package io.relayagent.bench.discovery;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.relayagent.bench.common.BenchTrust;
import io.relayagent.bench.common.Percentiles;
import io.relayagent.config.InterfaceSelection;
import io.relayagent.config.RelayClientPolicy;
import io.relayagent.mesh.discovery.DiscoveryClient;
import io.relayagent.mesh.discovery.DiscoveryTargets;
import io.relayagent.mesh.discovery.OfferAuthenticator;
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

/**
 * Measures, on an agent whose direct path is blocked, the time from the start of a direct
 * connection attempt (which fails) until the agent holds a valid, verified offer; and, as the peer,
 * a bare UDP round trip to the relay's host.
 *
 * <p>Each round is what the agent does when its direct path fails: compute the discovery targets of
 * its interfaces, send, verify the first offer. Rounds rotate over the agent host's source
 * addresses, since a relay answers one address only a few times a second.
 *
 * <p>Arguments: CA_DIR DISCOVERY_PORT INTERFACE SERVER_IP SERVER_PORT ECHO_IP ECHO_PORT ROUNDS
 * FIRST_SOURCE_ADDRESS SOURCE_ADDRESSES.
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
    InterfaceSelection selection = new InterfaceSelection(List.of(args[2]), List.of());
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    OfferAuthenticator authenticator = BenchTrust.authenticator(Path.of(args[0]));
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
              group,
              "bench-agent",
              authenticator,
              Clock.systemUTC(),
              InetAddress.getByName(source)));
    }
    long[] directFail = new long[rounds];
    long[] toOffer = new long[rounds];
    long[] targetsTook = new long[rounds];
    for (int i = -WARM_UP; i < rounds; i++) {
      AtomicLong firstOffer = new AtomicLong();
      long start = System.nanoTime();
      tryDirect(server);
      long failed = System.nanoTime();
      List<InetSocketAddress> targets =
          DiscoveryTargets.compute(selection, port, RelayClientPolicy.DEFAULT_MULTICAST_GROUP);
      long targetsKnown = System.nanoTime();
      clients
          .get(Math.floorMod(i, clients.size()))
          .discover(
              targets,
              Duration.ofMillis(5),
              Duration.ofSeconds(2),
              relay -> firstOffer.compareAndSet(0, System.nanoTime()))
          .get(10, TimeUnit.SECONDS);
      if (i >= 0) {
        directFail[i] = (failed - start) / 1000;
        targetsTook[i] = (targetsKnown - failed) / 1000;
        toOffer[i] = firstOffer.get() == 0 ? Long.MAX_VALUE : (firstOffer.get() - start) / 1000;
      }
    }
    System.out.println("DIRECT-FAIL " + new Percentiles(directFail).summary());
    System.out.println("TARGETS " + new Percentiles(targetsTook).summary());
    System.out.println("DISCOVERY " + new Percentiles(toOffer).summary());
    System.out.println(
        "UDP-ECHO " + new Percentiles(echoRoundTrips(echo, 1000 + WARM_UP)).summary());
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
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
