package io.relayagent.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.relayagent.demo.DemoWorld;
import io.relayagent.files.AtomicFile;
import io.relayagent.files.FileAccess;
import io.relayagent.testkit.FakeUpstream;
import io.relayagent.testkit.RawClient;
import io.relayagent.trust.JdkClientTls;
import io.relayagent.trust.Role;
import io.relayagent.trust.TlsContexts;
import io.relayagent.trust.TrustFiles;
import io.relayagent.trust.TrustMaterial;
import io.relayagent.xml.LiveXmlFile;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A relay's own SiteList.xml and policy, edited on disk while it runs, take effect at once: no
 * restart, no waiting for the next ASCI to bring the server's copy. A broken edit keeps the last
 * good file in force and says where it is broken.
 */
class LiveRelayFilesTest {

  private static final Duration FEW_SECONDS = Duration.ofSeconds(10);

  @TempDir Path dir;

  @Test
  void siteListEdit_addingAServer_isForwardedToWithoutARestart_andABrokenEditKeepsTheLastGood()
      throws Exception {
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    Logger liveFiles = (Logger) LoggerFactory.getLogger(LiveXmlFile.class);
    try (DemoWorld world = DemoWorld.create(dir, List.of("relay-1", "agent-1"));
        FakeUpstream newServer = FakeUpstream.start(FakeUpstream.Mode.ECHO)) {
      world.startServer();
      Path state = world.host("relay-1", world.policy().relay().xml());
      Agent relay = world.start("relay-1");
      assertThat(relay.firstAsci().get(60, TimeUnit.SECONDS).lastOutcome()).isEqualTo("ok");
      int tunnelPort = DemoWorld.tunnelPort(relay);
      JdkClientTls agent = agentTls(world);
      String newSite = "127.0.0.1:" + newServer.port();
      assertThat(connect(agent, tunnelPort, newSite).status())
          .as("not in the relay's SiteList yet")
          .isEqualTo(403);
      Path siteList = state.resolve("SiteList.xml");

      write(siteList, siteList(world.server().port(), newSite, "1"));

      await("the relay forwards to the site just added")
          .atMost(FEW_SECONDS)
          .untilAsserted(() -> assertThat(echoThrough(agent, tunnelPort, newSite)).isTrue());
      assertThat(relay.stopped()).as("the same agent ran throughout").isNotDone();
      assertThat(DemoWorld.tunnelPort(relay))
          .as("the relay was not restarted")
          .isEqualTo(tunnelPort);

      log.start();
      liveFiles.addAppender(log);
      try {
        // Line 5 holds the new site, with an Order that is not a number.
        write(siteList, siteList(world.server().port(), newSite, "second"));

        await("the broken edit is reported with its file and line")
            .atMost(FEW_SECONDS)
            .until(() -> messages(log).stream().anyMatch(m -> m.startsWith(siteList + ":5:")));
      } finally {
        liveFiles.detachAppender(log);
      }
      assertThat(messages(log))
          .anyMatch(m -> m.startsWith("SiteList file " + siteList + " is not valid"));
      assertThat(echoThrough(agent, tunnelPort, newSite))
          .as("the last good SiteList is still in force")
          .isTrue();
    }
  }

  @Test
  void policyEdit_switchingRelayCapabilityOffAndOn_appliesWithoutARestart() throws Exception {
    try (DemoWorld world = DemoWorld.create(dir, List.of("relay-1"))) {
      world.startServer();
      Path state = world.host("relay-1", world.policy().relay().xml());
      Agent relay = world.start("relay-1");
      // Done first: the ASCI writes the server's copy of the policy, which would undo the edit.
      assertThat(relay.firstAsci().get(60, TimeUnit.SECONDS).lastOutcome()).isEqualTo("ok");
      assertThat(relay.status().relay().running()).isTrue();
      Path policy = state.resolve("policy.xml");

      write(policy, world.policy().xml());

      await("relay capability switched off by the edit")
          .atMost(FEW_SECONDS)
          .until(() -> !relay.status().relay().running());

      write(policy, world.policy().relay().xml());

      await("and on again").atMost(FEW_SECONDS).until(() -> relay.status().relay().running());
      assertThat(relay.stopped()).as("the same agent ran throughout").isNotDone();
    }
  }

  /** The world's SiteList with a second site at {@code site}, whose Order is {@code order}. */
  private static String siteList(int serverPort, String site, String order) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <ns:SiteLists xmlns:ns="naSiteList" Type="Client" GlobalVersion="1" LocalVersion="2">
          <SiteList Default="1" Name="demo">
            <SpipeSite Type="master" Name="demo-server" Order="1" Server="localhost:%d" ServerIP="127.0.0.1:%d" Enabled="1" Local="0"/>
            <SpipeSite Type="master" Name="new-server" Order="%s" Server="%s" Enabled="1" Local="0"/>
          </SiteList>
        </ns:SiteLists>
        """
        .formatted(serverPort, serverPort, order, site);
  }

  /** The agent's TLS to a relay, as a JDK client: its certificate, the relay's checked. */
  private static JdkClientTls agentTls(DemoWorld world) throws Exception {
    Path ca = world.caDirectory();
    return TlsContexts.forJdkClient(
        TrustMaterial.load(
            TrustFiles.trusting(ca.resolve("ca.pem"))
                .withIdentity(ca.resolve("agent-1.pem"), ca.resolve("agent-1-key.pem"))),
        Role.RELAY);
  }

  private static RawClient.Answer connect(JdkClientTls tls, int port, String target)
      throws IOException {
    try (RawClient client = open(tls, port)) {
      return client.request("CONNECT", target).readAnswer(true);
    }
  }

  /** Whether a tunnel to {@code target} opens and carries bytes both ways. */
  private static boolean echoThrough(JdkClientTls tls, int port, String target) throws IOException {
    try (RawClient client = open(tls, port)) {
      RawClient.Answer answer = client.request("CONNECT", target).readAnswer(true);
      if (answer.status() != 200) {
        return false;
      }
      client.send("ping");
      return new String(client.readExactly(4), StandardCharsets.US_ASCII).equals("ping");
    }
  }

  private static RawClient open(JdkClientTls tls, int port) throws IOException {
    return RawClient.tls(
        tls.context().getSocketFactory(),
        tls.parameters(),
        new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
  }

  private static List<String> messages(ListAppender<ILoggingEvent> log) {
    synchronized (log.list) {
      return log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
  }

  /** Replaces {@code file} whole, as an editor's rename-save or a configuration tool does. */
  private static void write(Path file, String content) throws IOException {
    AtomicFile.replace(file, content.getBytes(StandardCharsets.UTF_8), FileAccess.PUBLIC);
    assertThat(Files.readString(file)).isEqualTo(content);
  }
}
