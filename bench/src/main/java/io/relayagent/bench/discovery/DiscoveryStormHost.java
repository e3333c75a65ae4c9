package io.relayagent.bench.discovery;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.relayagent.bench.common.BenchTrust;
import io.relayagent.bench.common.Percentiles;
import io.relayagent.mesh.discovery.DiscoveryClient;
import io.relayagent.mesh.discovery.DiscoveryRound;
import io.relayagent.mesh.discovery.OfferAuthenticator;
import io.relayagent.mesh.discovery.OfferVerifier;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A storm: many agents, each with its own socket and (a few per) source address, discover at the
 * same moment against one relay. Reports how many were answered with a valid offer, and how soon
 * after the storm began: at the agents' sockets ({@link StormWitness}) for a cold and a warm relay,
 * then through the production client.
 *
 * <p>Arguments: CA_DIR DISCOVERY_PORT BROADCAST SUBNET(a.b.c) FIRST_HOST AGENTS PER_ADDRESS
 * [WINDOW_SECONDS=3]: how long each agent waits for an offer (the soak, on a machine shared with
 * other work, waits longer, so that a slow check of the offers is not counted as no answer).
 */
public final class DiscoveryStormHost {
  private DiscoveryStormHost() {}

  private static String storm(
      String label, List<DiscoveryClient> clients, List<InetSocketAddress> targets, Duration window)
      throws Exception {
    int agents = clients.size();
    AtomicLongArray answeredAt = new AtomicLongArray(agents);
    List<CompletableFuture<DiscoveryRound>> rounds = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 0; i < agents; i++) {
      int agent = i;
      rounds.add(
          clients
              .get(i)
              .discover(
                  targets,
                  Duration.ofMillis(1),
                  window,
                  r -> answeredAt.compareAndSet(agent, 0, System.nanoTime())));
    }
    CompletableFuture.allOf(rounds.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    List<Long> answered = new ArrayList<>();
    for (int i = 0; i < agents; i++) {
      if (answeredAt.get(i) != 0) {
        answered.add((answeredAt.get(i) - start) / 1000);
      }
    }
    long withinOneSecond = answered.stream().filter(micros -> micros <= 1_000_000).count();
    long[] micros = answered.stream().mapToLong(Long::longValue).toArray();
    return label
        + " agents="
        + agents
        + " answered="
        + answered.size()
        + " within1s="
        + withinOneSecond
        + " "
        + new Percentiles(micros).summary();
  }

  public static void main(String[] args) throws Exception {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
    OfferAuthenticator authenticator = BenchTrust.authenticator(Path.of(args[0]));
    InetSocketAddress target = new InetSocketAddress(args[2], Integer.parseInt(args[1]));
    List<InetSocketAddress> targets = List.of(target);
    String subnet = args[3];
    int firstHost = Integer.parseInt(args[4]);
    int agents = Integer.parseInt(args[5]);
    int perAddress = Integer.parseInt(args[6]);
    Duration window = Duration.ofSeconds(args.length > 7 ? Integer.parseInt(args[7]) : 3);
    List<InetAddress> sources = new ArrayList<>();
    for (int i = 0; i < agents; i++) {
      sources.add(InetAddress.getByName(subnet + "." + (firstHost + i / perAddress)));
    }
    // The first storm meets a relay that has just started (and this JVM cold); the second, five
    // seconds later, the relay's steady capacity (five seconds give each source address back the
    // answers the relay's rate limit allows it). Both are stamped at the agents' sockets. The
    // third is the production client's, end to end: it adds this one process's verification of a
    // thousand offers, which a real storm spreads over a thousand machines.
    System.out.println(StormWitness.storm("STORM-COLD", sources, target, authenticator));
    Thread.sleep(5000);
    System.out.println(StormWitness.storm("STORM-WARM", sources, target, authenticator));
    Thread.sleep(5000);
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    OfferVerifier verifier = BenchTrust.simulatedAgentsVerifier(authenticator);
    List<DiscoveryClient> clients = new ArrayList<>();
    for (int i = 0; i < agents; i++) {
      clients.add(
          new DiscoveryClient(group, "storm-" + i, verifier, Clock.systemUTC(), sources.get(i)));
    }
    System.out.println(storm("STORM-CLIENT", clients, targets, window));
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    verifier.close();
  }
}
