package io.relayagent.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.relayagent.cli.CliRun;
import io.relayagent.config.Policy;
import io.relayagent.config.PolicyReader;
import io.relayagent.demo.DemoWorld;
import io.relayagent.mesh.relay.Relay;
import io.relayagent.protocol.control.ControlRelay;
import io.relayagent.protocol.control.ControlRelays;
import io.relayagent.protocol.json.ProtocolJson;
import io.relayagent.sitelist.SiteListReader;
import io.relayagent.sitelist.SiteLists;
import io.relayagent.testkit.FakeUpstream;
import io.relayagent.trust.Credential;
import io.relayagent.trust.TrustFiles;
import io.relayagent.trust.TrustMaterial;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Lacks content": a relay whose content cache cannot serve one catalog file answers 404 for it,
 * and the agent fetches that file, and that file only, through its next relay; the rest still come
 * through the first. Real relays, TLS and the reference server on loopback.
 */
class LacksContentTest {

  @TempDir Path dir;

  @Test
  void update_firstRelayLacksOneFile_thatFileComesThroughTheNextAndTheRestThroughTheFirst()
      throws Exception {
    try (DemoWorld world = DemoWorld.create(dir, List.of("relay-lacking", "relay-2", "agent-1"))) {
      world.startServer();
      byte[] first = world.addContent("1-first.dat", 200 * 1024);
      byte[] lacking = world.addContent("2-lacking.dat", 300 * 1024);
      byte[] last = world.addContent("3-last.dat", 100 * 1024);
      try (FakeUpstream mirror = mirrorWithout(world, first, last);
          Relay lackingRelay = lackingRelay(world, mirror.port())) {
        world.host("relay-2", world.policy().relay().xml());
        int secondPort = DemoWorld.tunnelPort(world.start("relay-2"));
        int firstPort = lackingRelay.tlsAddress().getPort();
        Path state =
            world.host(
                "agent-1",
                world.policy().deadProxy().staticRelay(firstPort).staticRelay(secondPort).xml());
        List<String> progress = new CopyOnWriteArrayList<>();

        AgentStatus status =
            world.start("agent-1", progress::add).firstAsci().get(60, TimeUnit.SECONDS);

        String firstRelay = "127.0.0.1:" + firstPort;
        String secondRelay = "127.0.0.1:" + secondPort;
        assertThat(status.lastOutcome()).as("lines: %s", progress).isEqualTo("ok");
        assertThat(status.route()).isEqualTo("relay " + firstRelay);
        int viaFirst = indexOf(progress, "1-first.dat (", "content cache of relay " + firstRelay);
        int lacks =
            indexOf(progress, "2-lacking.dat: relay " + firstRelay + " failed (lacks content");
        int viaSecond =
            indexOf(progress, "2-lacking.dat (", "content cache of relay " + secondRelay);
        int lastViaFirst =
            indexOf(progress, "3-last.dat (", "content cache of relay " + firstRelay);
        assertThat(List.of(viaFirst, lacks, viaSecond, lastViaFirst))
            .as("in order, in lines %s", progress)
            .isSorted()
            .doesNotContain(-1);
        assertThat(Files.readAllBytes(state.resolve("content/1-first.dat"))).isEqualTo(first);
        assertThat(Files.readAllBytes(state.resolve("content/2-lacking.dat"))).isEqualTo(lacking);
        assertThat(Files.readAllBytes(state.resolve("content/3-last.dat"))).isEqualTo(last);

        CliRun relays = CliRun.run("relays", "--state-dir", state.toString(), "--json");
        ControlRelay lackingRow =
            ProtocolJson.read(
                    relays.out().getBytes(StandardCharsets.UTF_8), 1 << 20, ControlRelays.class)
                .relays()
                .stream()
                .filter(relay -> relay.relayId().equals(firstRelay))
                .findFirst()
                .orElseThrow();
        assertThat(lackingRow.lastFailure().kind()).isEqualTo("lacks-content");
        assertThat(lackingRow.lastFailure().detail())
            .isEqualTo(
                "lacks content: 2-lacking.dat answered 404 (upstream has no such object (404))");
      }
    }
  }

  /**
   * A repository standing in for the server's, for the lacking relay only: the same first and last
   * files, not the second. TLS with the server's certificate, so the relay trusts it.
   */
  private static FakeUpstream mirrorWithout(DemoWorld world, byte[] first, byte[] last)
      throws Exception {
    Credential server = identity(world, "server");
    FakeUpstream mirror =
        FakeUpstream.startTls(
            FakeUpstream.Mode.ANSWERS, FakeUpstream.serverTls(server.privateKey(), server.chain()));
    mirror.put("/repo/1-first.dat", first);
    mirror.put("/repo/3-last.dat", last);
    return mirror;
  }

  /**
   * A relay whose SiteList fetches the site's content from the mirror (the site "demo-server" is
   * there) and still forwards CONNECT to the world's server (listed under another name).
   */
  private static Relay lackingRelay(DemoWorld world, int mirrorPort) throws Exception {
    int serverPort = world.server().port();
    SiteLists sites =
        SiteListReader.parse(
            "the lacking relay's SiteList",
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <ns:SiteLists xmlns:ns="naSiteList" Type="Client">
              <SiteList Default="1" Name="lacking">
                <SpipeSite Type="master" Name="demo-server" Order="1" Server="localhost:%d" Enabled="1" Local="0"/>
                <SpipeSite Type="master" Name="the-server" Order="2" Server="localhost:%d" ServerIP="127.0.0.1:%d" Enabled="1" Local="0"/>
              </SiteList>
            </ns:SiteLists>
            """
                .formatted(mirrorPort, serverPort, serverPort)
                .getBytes(StandardCharsets.UTF_8));
    Policy policy =
        PolicyReader.parse(
            "the lacking relay's policy",
            world.policy().relay().xml().getBytes(StandardCharsets.UTF_8));
    TrustMaterial material = material(world, "relay-lacking");
    // Bound to 127.0.0.1 alone: it answers no discovery broadcast, so only the static entry
    // leads the agent to it.
    return Relay.builder(policy, material, () -> sites)
        .cacheDirectory(world.root().resolve("relay-lacking-cache"))
        .bindAddress(InetAddress.getByName("127.0.0.1"))
        .start();
  }

  /** {@code name}'s certificate and key from the world's CA directory, trusting its CA. */
  private static TrustMaterial material(DemoWorld world, String name) throws Exception {
    Path ca = world.caDirectory();
    return TrustMaterial.load(
        TrustFiles.trusting(ca.resolve("ca.pem"))
            .withIdentity(ca.resolve(name + ".pem"), ca.resolve(name + "-key.pem")));
  }

  private static Credential identity(DemoWorld world, String name) throws Exception {
    return material(world, name).identity().orElseThrow();
  }

  /** The index of the first line that contains every one of {@code parts}; -1 if none. */
  private static int indexOf(List<String> lines, String... parts) {
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (List.of(parts).stream().allMatch(line::contains)) {
        return i;
      }
    }
    return -1;
  }
}
