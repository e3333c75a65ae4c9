package io.relayagent.tests.lan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.relayagent.tests.lan.NamespaceLan.Host;
import io.relayagent.tests.lan.NamespaceLan.Segment;
import io.relayagent.tests.lan.hosts.AgentHost;
import io.relayagent.tests.lan.hosts.RelayHost;
import io.relayagent.tests.lan.hosts.UpstreamServerHost;
import io.relayagent.trust.CaDirectory;
import io.relayagent.trust.Issuance;
import io.relayagent.trust.IssueRequest;
import io.relayagent.trust.KeyAlgorithm;
import io.relayagent.trust.Role;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Relay discovery on a LAN of network namespaces with real UDP broadcast: an agent and seven relays
 * on the office segment, an eighth relay on a branch segment the agent must never see, and the
 * management server on a data-centre segment that only the relays reach (the agent's direct path is
 * blocked).
 */
class DiscoveryLanSystemTest {

  private static final int DISCOVERY_PORT = 8082;

  @TempDir Path dir;

  @Test
  void discovery_onANamespaceLan_cachesTheFirstFiveAndSkipsRelaysThatCannotServe()
      throws Exception {
    Optional<String> unavailable = NamespaceLan.unavailableReason();
    if (unavailable.isPresent()) {
      System.out.println("SKIPPED: " + unavailable.get());
      Assumptions.abort(unavailable.get());
    }
    Path caDir = makeCertificates();
    Path siteList =
        Files.writeString(
            dir.resolve("SiteList.xml"),
            "<ns:SiteLists xmlns:ns='naSiteList'><SiteList Default='1' Name='lan'>"
                + "<SpipeSite Name='epo' Order='1' Server='10.77.9.1:8443' Enabled='1'/>"
                + "</SiteList></ns:SiteLists>");

    try (NamespaceLan lan = new NamespaceLan("dsc")) {
      Segment office = lan.addSegment("10.77.0");
      Segment branch = lan.addSegment("10.77.1");
      Segment datacentre = lan.addSegment("10.77.9");
      Host server = lan.addHost("srv", 1, datacentre);
      awaitReady(
          lan.start(
              server,
              JavaHosts.command(UpstreamServerHost.class, "10.77.9.1", "8443"),
              dir.resolve("srv.log")),
          dir.resolve("srv.log"));
      Map<String, Host> relays = new LinkedHashMap<>();
      for (int i = 1; i <= 8; i++) {
        Host host = lan.addHost("r" + i, 10 + i, i == 8 ? branch : office, datacentre);
        relays.put("relay" + i, host);
      }
      List<Path> relayLogs = new ArrayList<>();
      for (Map.Entry<String, Host> relay : relays.entrySet()) {
        Path log = dir.resolve(relay.getKey() + ".log");
        lan.start(
            relay.getValue(),
            JavaHosts.command(
                RelayHost.class,
                caDir.toString(),
                relay.getKey(),
                siteList.toString(),
                "" + DISCOVERY_PORT),
            log);
        relayLogs.add(log);
      }
      for (Path log : relayLogs) {
        awaitReady(null, log);
      }
      Host agentHost = lan.addHost("agent", 100, office);
      Process agent =
          lan.startInteractive(
              agentHost,
              JavaHosts.command(AgentHost.class, caDir.toString(), "" + DISCOVERY_PORT, "eth0"),
              dir.resolve("agent.log"));
      BufferedReader agentOut =
          new BufferedReader(new InputStreamReader(agent.getInputStream(), StandardCharsets.UTF_8));
      PrintWriter agentIn = new PrintWriter(agent.getOutputStream(), true, StandardCharsets.UTF_8);
      assertThat(agentOut.readLine()).isEqualTo("READY");

      // Relays answer once their first upstream probe succeeds; wait until all seven do.
      Round[] round = new Round[1];
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(100))
          .until(
              () -> {
                round[0] = discover(agentIn, agentOut);
                return round[0].arrival().size() == 7;
              });

      for (int i = 0; i < 3; i++) {
        Round r = i == 0 ? round[0] : discover(agentIn, agentOut);
        assertThat(r.arrival())
            .containsExactlyInAnyOrder(
                "relay1", "relay2", "relay3", "relay4", "relay5", "relay6", "relay7");
        assertThat(r.arrival()).doesNotContain("relay8");
        assertThat(r.first())
            .as("the relay used first is the first responder")
            .isEqualTo(r.arrival().get(0));
        assertThat(r.cache())
            .as("the cache holds the first five unique responders, in order")
            .containsExactlyElementsOf(r.arrival().subList(0, 5));
        assertThat(r.targets())
            .as(
                "the office's directed broadcast; never the limited broadcast when interfaces are named")
            .contains("10.77.0.255")
            .doesNotContain("255.255.255.255");
      }

      lan.setLink(relays.get("relay3"), 1, false);
      await()
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> !discover(agentIn, agentOut).arrival().contains("relay3"));
      Round afterCut = discover(agentIn, agentOut);
      assertThat(afterCut.arrival())
          .as("a relay whose upstream is cut stops answering")
          .containsExactlyInAnyOrder("relay1", "relay2", "relay4", "relay5", "relay6", "relay7");
      assertThat(afterCut.cache()).hasSize(5).doesNotContain("relay8");
      agentIn.close();
    }
  }

  private Path makeCertificates() throws Exception {
    Path caDir = Files.createDirectories(dir.resolve("ca"));
    Issuance ca = new Issuance(new CaDirectory(caDir, Clock.systemUTC()));
    ca.initialize(
        "CN=LAN test CA,O=Relay Agent tests", KeyAlgorithm.P256, Duration.ofDays(2), false);
    for (int i = 1; i <= 8; i++) {
      ca.issue(IssueRequest.of(Role.RELAY, "relay" + i), null, false);
    }
    return caDir;
  }

  private record Round(
      String first, List<String> arrival, List<String> cache, List<String> targets) {}

  private static Round discover(PrintWriter in, BufferedReader out) throws IOException {
    in.println("discover");
    String line = out.readLine();
    System.out.println("agent: " + line);
    assertThat(line).startsWith("ROUND ");
    Map<String, String> fields = new LinkedHashMap<>();
    for (String part : line.substring(6).split(" ")) {
      String[] kv = part.split("=", 2);
      fields.put(kv[0], kv.length > 1 ? kv[1] : "");
    }
    return new Round(
        fields.get("first"),
        list(fields.get("arrival")),
        list(fields.get("cache")),
        list(fields.get("targets")));
  }

  private static List<String> list(String csv) {
    return csv == null || csv.isEmpty() ? List.of() : Arrays.asList(csv.split(","));
  }

  private static void awaitReady(Process ignored, Path log) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> Files.exists(log) && Files.readString(log).contains("READY"));
  }
}
