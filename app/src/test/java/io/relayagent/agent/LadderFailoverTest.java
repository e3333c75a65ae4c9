package io.relayagent.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.relayagent.demo.DemoWorld;
import io.relayagent.mesh.discovery.KnownRelay;
import io.relayagent.testkit.FakeUpstream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connectivity ladder's fail-over with real sockets, TLS and discovery on loopback: an agent
 * whose direct path is blocked (its proxy is down) meets relays that fail in each way a relay can,
 * and must end up on one that works.
 */
class LadderFailoverTest {

  @TempDir Path dir;

  @Test
  void staticRelaysThatDropOrAnswer502_agentMovesToTheNextRelay() throws Exception {
    try (DemoWorld world = DemoWorld.create(dir, List.of("relay-good", "relay-bad", "agent-1"));
        FakeUpstream dropper = FakeUpstream.start(FakeUpstream.Mode.CLOSES_AT_ONCE)) {
      world.startServer();
      world.host("relay-good", world.policy().relay().xml());
      // Its upstream is a proxy that is down: it accepts the tunnel but answers CONNECT with 502.
      world.host("relay-bad", world.policy().relay().deadProxy().xml());
      world.start("relay-good").firstAsci().get(60, TimeUnit.SECONDS);
      int badPort = DemoWorld.tunnelPort(world.start("relay-bad"));
      world.host(
          "agent-1",
          world.policy().deadProxy().staticRelay(dropper.port()).staticRelay(badPort).xml());

      List<String> progress = new CopyOnWriteArrayList<>();
      AgentStatus status =
          world.start("agent-1", progress::add).firstAsci().get(60, TimeUnit.SECONDS);

      assertThat(status.lastOutcome()).as("lines: %s", progress).isEqualTo("ok");
      assertThat(status.route()).isEqualTo("relay relay-good");
      assertThat(progress)
          .as("the first static relay (drops the connection) was tried and failed")
          .anyMatch(l -> l.contains("via relay 127.0.0.1:" + dropper.port() + ":"));
      assertThat(progress)
          .as("the second static relay was tried and refused with 502")
          .anyMatch(l -> l.contains("via relay 127.0.0.1:" + badPort + ":") && l.contains("502"));
      int dropped = indexOf(progress, "127.0.0.1:" + dropper.port());
      int refused = indexOf(progress, "127.0.0.1:" + badPort);
      int connected = indexOf(progress, "connected to");
      assertThat(dropped).as("in order: dropper, 502, then the working relay").isLessThan(refused);
      assertThat(refused).isLessThan(connected);
    }
  }

  @Test
  void contentMissingOnFirstRelay_downloadResumesOnTheNextWithRangeAndMatchesTheCatalog()
      throws Exception {
    try (DemoWorld world =
        DemoWorld.create(dir, List.of("relay-nocache", "relay-cache", "agent-1"))) {
      world.startServer();
      world.host("relay-nocache", world.policy().relay().noContentCache().xml());
      world.host("relay-cache", world.policy().relay().xml());
      Agent noCache = world.start("relay-nocache");
      noCache.firstAsci().get(60, TimeUnit.SECONDS);
      world.start("relay-cache").firstAsci().get(60, TimeUnit.SECONDS);
      int noCachePort = DemoWorld.tunnelPort(noCache);
      // The agent tunnels through the static relay, which has no content cache (404 on /content).
      Path state = world.host("agent-1", world.policy().deadProxy().staticRelay(noCachePort).xml());
      List<String> progress = new CopyOnWriteArrayList<>();
      Agent agent = world.start("agent-1", progress::add);
      assertThat(agent.firstAsci().get(60, TimeUnit.SECONDS).lastOutcome()).isEqualTo("ok");
      // Through a static relay the ladder needs no discovery; an earlier round found the others.
      assertThat(agent.discoverNow().get(10, TimeUnit.SECONDS))
          .extracting(KnownRelay::relayId)
          .contains("relay-cache");
      byte[] content = world.addContent("big.dat", 1 << 20);
      // A download cut off earlier left the first 300 KiB in content/.partial.
      Path partial = state.resolve("content/.partial/big.dat");
      Files.write(partial, Arrays.copyOf(content, 300 * 1024));

      AgentStatus status = agent.triggerAsci().get(60, TimeUnit.SECONDS);

      assertThat(status.lastOutcome()).as("lines: %s", progress).isEqualTo("ok");
      assertThat(status.route()).isEqualTo("relay 127.0.0.1:" + noCachePort);
      assertThat(progress)
          .anyMatch(
              l ->
                  l.startsWith("big.dat: relay 127.0.0.1:" + noCachePort + " failed")
                      && l.contains("404"));
      assertThat(progress)
          .anyMatch(l -> l.contains("big.dat") && l.contains("content cache of relay relay-cache"));
      assertThat(Files.readAllBytes(state.resolve("content/big.dat")))
          .as("installed file matches the catalog")
          .isEqualTo(content);
      assertThat(partial).doesNotExist();

      // Range proof: a partial whose prefix is wrong is kept and resumed (not re-sent from 0),
      // so the result fails the catalog check and is discarded; the next ASCI gets it whole.
      byte[] second = world.addContent("second.dat", 512 * 1024);
      byte[] wrongPrefix = Arrays.copyOf(second, 100 * 1024);
      wrongPrefix[0] ^= 0x55;
      Files.write(state.resolve("content/.partial/second.dat"), wrongPrefix);
      AgentStatus resumed = agent.triggerAsci().get(60, TimeUnit.SECONDS);
      assertThat(resumed.lastOutcome())
          .as("lines: %s", progress)
          .contains("does not match the signed catalog");
      assertThat(state.resolve("content/second.dat")).doesNotExist();
      AgentStatus whole = agent.triggerAsci().get(60, TimeUnit.SECONDS);
      assertThat(whole.lastOutcome()).as("lines: %s", progress).isEqualTo("ok");
      assertThat(Files.readAllBytes(state.resolve("content/second.dat"))).isEqualTo(second);
    }
  }

  @Test
  void everyCachedRelayGone_agentRediscoversAndUsesANewRelay() throws Exception {
    try (DemoWorld world = DemoWorld.create(dir, List.of("relay-1", "relay-2", "agent-1"))) {
      world.startServer();
      world.host("relay-1", world.policy().relay().xml());
      world.host("relay-2", world.policy().relay().xml());
      world.host("agent-1", world.policy().deadProxy().xml());
      Agent relay1 = world.start("relay-1");
      relay1.firstAsci().get(60, TimeUnit.SECONDS);
      List<String> progress = new CopyOnWriteArrayList<>();
      Agent agent = world.start("agent-1", progress::add);
      assertThat(agent.firstAsci().get(60, TimeUnit.SECONDS).route()).isEqualTo("relay relay-1");
      // The round goes on collecting after the first offer was used; then it is cached.
      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(
              () ->
                  assertThat(agent.relays())
                      .extracting(KnownRelay::relayId)
                      .containsExactly("relay-1"));

      world.stop(relay1); // the only relay the agent knows goes away
      world.start("relay-2").firstAsci().get(60, TimeUnit.SECONDS);
      progress.clear();
      AgentStatus status = agent.triggerAsci().get(60, TimeUnit.SECONDS);

      assertThat(status.lastOutcome()).as("lines: %s", progress).isEqualTo("ok");
      assertThat(status.route()).isEqualTo("relay relay-2");
      assertThat(progress).contains("direct path failed; discovering relays");
      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(
              () ->
                  assertThat(agent.relays())
                      .extracting(KnownRelay::relayId)
                      .as("the new relay is cached")
                      .contains("relay-2"));
    }
  }

  private static int indexOf(List<String> lines, String text) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) {
        return i;
      }
    }
    return Integer.MAX_VALUE;
  }
}
