package io.relayagent.tests.lan.hosts;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.relayagent.config.RelayClientPolicy;
import io.relayagent.mesh.discovery.DiscoveryProtocol;
import io.relayagent.mesh.discovery.DiscoveryResponder;
import io.relayagent.mesh.discovery.RelayStatus;
import io.relayagent.mesh.discovery.TrustOfferSigner;
import io.relayagent.mesh.upstream.UpstreamProbe;
import io.relayagent.sitelist.HostPort;
import io.relayagent.sitelist.SiteIndex;
import io.relayagent.sitelist.SiteListReader;
import io.relayagent.trust.CaDirectory;
import io.relayagent.trust.TrustFiles;
import io.relayagent.trust.TrustMaterial;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * A relay host for system tests, run in its own network namespace: the production discovery
 * responder and upstream probe, with the relay's real certificate and SiteList.
 *
 * <p>Arguments: CA_DIR RELAY_NAME SITELIST DISCOVERY_PORT. Prints {@code READY} once listening.
 */
public final class RelayHost {
  private RelayHost() {}

  public static void main(String[] args) throws Exception {
    CaDirectory ca = new CaDirectory(Path.of(args[0]), Clock.systemUTC());
    String name = args[1];
    List<HostPort> sites =
        List.copyOf(SiteIndex.of(SiteListReader.read(Path.of(args[2]))).endpoints());
    int port = Integer.parseInt(args[3]);
    TrustMaterial material =
        TrustMaterial.load(
            TrustFiles.trusting(ca.caCertificate())
                .withIdentity(ca.certificate(name), ca.privateKey(name)));
    TrustOfferSigner signer = new TrustOfferSigner(material);
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    UpstreamProbe probe =
        UpstreamProbe.start(() -> sites, Duration.ofMillis(300), Duration.ofMillis(500));
    DiscoveryResponder.start(
        group,
        new DiscoveryResponder.Settings(
            InetAddress.getByName("0.0.0.0"),
            port,
            RelayClientPolicy.DEFAULT_MULTICAST_GROUP,
            signer.relayId(),
            8083),
        signer,
        () -> new RelayStatus(probe.isReachable(), 0, 1024, DiscoveryProtocol.CAPABILITY_TUNNEL),
        () -> sites,
        Clock.systemUTC());
    System.out.println("READY " + signer.relayId());
    System.out.flush();
    Thread.currentThread().join();
  }
}
