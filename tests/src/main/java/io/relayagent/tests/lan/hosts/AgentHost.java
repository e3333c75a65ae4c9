package io.relayagent.tests.lan.hosts;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.relayagent.config.InterfaceSelection;
import io.relayagent.config.RelayClientPolicy;
import io.relayagent.mesh.discovery.DiscoveryClient;
import io.relayagent.mesh.discovery.DiscoveryRound;
import io.relayagent.mesh.discovery.DiscoveryTargets;
import io.relayagent.mesh.discovery.KnownRelay;
import io.relayagent.mesh.discovery.RelayCache;
import io.relayagent.mesh.discovery.TrustOfferAuthenticator;
import io.relayagent.trust.CaDirectory;
import io.relayagent.trust.ChainVerifier;
import io.relayagent.trust.SignatureVerifier;
import io.relayagent.trust.TrustFiles;
import io.relayagent.trust.TrustMaterial;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * An agent host for system tests: on each {@code discover} line read from standard input, runs one
 * production discovery round over its selected interfaces and prints one line:
 *
 * <pre>ROUND first=ID firstMicros=N arrival=ID,ID,... cache=ID,ID,... targets=ADDR,...</pre>
 *
 * <p>Arguments: CA_DIR DISCOVERY_PORT INTERFACE.
 */
public final class AgentHost {
  private AgentHost() {}

  public static void main(String[] args) throws Exception {
    CaDirectory ca = new CaDirectory(Path.of(args[0]), Clock.systemUTC());
    int port = Integer.parseInt(args[1]);
    InterfaceSelection selection = new InterfaceSelection(List.of(args[2]), List.of());
    TrustMaterial material = TrustMaterial.load(TrustFiles.trusting(ca.caCertificate()));
    var authenticator =
        new TrustOfferAuthenticator(
            new SignatureVerifier(new ChainVerifier(material, Clock.systemUTC())));
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    DiscoveryClient client =
        new DiscoveryClient(group, "agent-1", authenticator, Clock.systemUTC(), null);
    RelayCache cache = new RelayCache(5, Duration.ofHours(3), Clock.systemUTC());
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    System.out.println("READY");
    System.out.flush();
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (!line.trim().equals("discover")) {
        continue;
      }
      List<InetSocketAddress> targets =
          DiscoveryTargets.compute(selection, port, RelayClientPolicy.DEFAULT_MULTICAST_GROUP);
      AtomicReference<KnownRelay> first = new AtomicReference<>();
      DiscoveryRound round =
          client
              .discover(
                  targets,
                  Duration.ofMillis(700),
                  Duration.ofSeconds(3),
                  r -> first.compareAndSet(null, r))
              .get();
      cache.recordRound(round.relays());
      System.out.println(
          "ROUND first="
              + (first.get() == null ? "-" : first.get().relayId())
              + " firstMicros="
              + (round.firstOfferAfter() == null ? -1 : round.firstOfferAfter().toNanos() / 1000)
              + " arrival="
              + ids(round.relays())
              + " cache="
              + ids(cache.relays())
              + " targets="
              + targets.stream()
                  .map(t -> t.getAddress().getHostAddress())
                  .collect(Collectors.joining(",")));
      System.out.flush();
    }
    group.shutdownGracefully();
  }

  private static String ids(List<KnownRelay> relays) {
    return relays.stream().map(KnownRelay::relayId).collect(Collectors.joining(","));
  }
}
