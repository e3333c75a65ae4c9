package io.relayagent.agent;

import io.relayagent.demo.DemoCertificates;
import io.relayagent.demo.DemoPorts;
import io.relayagent.server.ReferenceServer;
import io.relayagent.server.ServerSettings;
import io.relayagent.trust.TrustFiles;
import io.relayagent.trust.TrustMaterial;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The demo's world for the agent's integration tests (the steps of {@code DemoWorld}): a CA with
 * certificates for the server and the named hosts, a running reference server on loopback, and
 * agents started in state directories of their own. Closing it stops every agent it started, then
 * the server.
 */
final class AgentWorld implements AutoCloseable {

  final Path root;
  final Path ca;
  final Path serverDir;
  final int serverPort;
  final int discoveryPort;
  final ReferenceServer server;
  private final Deque<Agent> agents = new ArrayDeque<>();

  private AgentWorld(Path root, int serverPort, int discoveryPort, ReferenceServer server) {
    this.root = root;
    this.ca = root.resolve("ca");
    this.serverDir = root.resolve("server");
    this.serverPort = serverPort;
    this.discoveryPort = discoveryPort;
    this.server = server;
  }

  /** Makes certificates for the server and {@code hosts}, and starts the server. */
  static AgentWorld create(Path root, String... hosts) throws Exception {
    int serverPort = freeTcp();
    int discoveryPort = freeUdp();
    Path ca = root.resolve("ca");
    DemoCertificates.create(ca, "CN=Relay Agent Test CA,O=Relay Agent tests", List.of(hosts));
    Path serverDir = root.resolve("server");
    Files.createDirectories(serverDir.resolve("repo"));
    Files.createDirectories(serverDir.resolve("policies"));
    copy(ca.resolve("ca.pem"), serverDir.resolve("ca.pem"));
    copy(ca.resolve("server.pem"), serverDir.resolve("server.pem"));
    copy(ca.resolve("server-key.pem"), serverDir.resolve("server-key.pem"));
    Files.writeString(serverDir.resolve("SiteList.xml"), siteList(serverPort));
    Files.writeString(
        serverDir.resolve("policy.xml"), new PolicyXml(discoveryPort).deadProxy().xml());
    TrustMaterial trust =
        TrustMaterial.load(
            TrustFiles.trusting(serverDir.resolve("ca.pem"))
                .withIdentity(
                    serverDir.resolve("server.pem"), serverDir.resolve("server-key.pem")));
    ReferenceServer server =
        ReferenceServer.start(
            ServerSettings.of(serverDir, trust)
                .withBindAddress(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), serverPort)));
    return new AgentWorld(root, serverPort, discoveryPort, server);
  }

  /** A repository file of random bytes; returns them. The catalog is rescanned. */
  byte[] addContent(String name, int size) throws IOException {
    byte[] bytes = new byte[size];
    new SecureRandom().nextBytes(bytes);
    Files.write(serverDir.resolve("repo").resolve(name), bytes);
    server.rescanRepository();
    return bytes;
  }

  /** Writes a host's state directory (trust files, policy, SiteList) and its server policy. */
  Path host(String name, String policy) throws IOException {
    Path state = Files.createDirectories(root.resolve(name));
    Path trust = Files.createDirectories(state.resolve("trust"));
    copy(ca.resolve("ca.pem"), trust.resolve("ca.pem"));
    copy(ca.resolve(name + ".pem"), trust.resolve("agent.pem"));
    copy(ca.resolve(name + "-key.pem"), trust.resolve("agent-key.pem"));
    Files.writeString(state.resolve("policy.xml"), policy, StandardCharsets.UTF_8);
    Files.writeString(state.resolve("SiteList.xml"), siteList(serverPort), StandardCharsets.UTF_8);
    assignPolicy(name, policy);
    return state;
  }

  /** What the server hands {@code name} at its next ASCI. */
  void assignPolicy(String name, String policy) throws IOException {
    Path file = serverDir.resolve("policies").resolve(name + ".xml");
    Path temp = Files.createTempFile(file.getParent(), name, ".tmp");
    Files.writeString(temp, policy, StandardCharsets.UTF_8);
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** Starts an agent in {@code name}'s state directory; the world stops it when it closes. */
  Agent start(String name, List<String> progress) throws Exception {
    Path state = root.resolve(name);
    Agent agent =
        Agent.start(
            new Agent.Options(state.resolve("policy.xml"), state.resolve("SiteList.xml"), state),
            progress::add);
    agents.push(agent);
    return agent;
  }

  Agent start(String name) throws Exception {
    return start(name, Collections.synchronizedList(new CopyOnWriteArrayList<>()));
  }

  /** Stops an agent now (a relay going away), before the world closes. */
  void stop(Agent agent) {
    agents.remove(agent);
    agent.close();
  }

  @Override
  public void close() {
    while (!agents.isEmpty()) {
      agents.pop().close();
    }
    server.close();
  }

  static String siteList(int serverPort) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <ns:SiteLists xmlns:ns="naSiteList" Type="Client" GlobalVersion="1" LocalVersion="1">
          <SiteList Default="1" Name="test">
            <SpipeSite Type="master" Name="test-server" Order="1" Server="localhost:%d" ServerIP="127.0.0.1:%d" Enabled="1" Local="0"/>
          </SiteList>
        </ns:SiteLists>
        """
        .formatted(serverPort, serverPort);
  }

  static int freeTcp() throws IOException {
    return DemoPorts.freeTcp();
  }

  static int freeUdp() throws IOException {
    return DemoPorts.freeUdp();
  }

  private static void copy(Path from, Path to) throws IOException {
    Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
  }

  /** A policy, written out as an administrator would (discovery on loopback only). */
  static final class PolicyXml {
    private final int discoveryPort;
    private int tunnelPort;
    private boolean relay;
    private boolean cache = true;
    private int deadProxyPort;
    private final List<Integer> staticRelays = new CopyOnWriteArrayList<>();

    PolicyXml(int discoveryPort) {
      this.discoveryPort = discoveryPort;
    }

    /** Relay capability on, tunnel on {@code port}. */
    PolicyXml relay(int port) {
      this.relay = true;
      this.tunnelPort = port;
      return this;
    }

    PolicyXml noContentCache() {
      this.cache = false;
      return this;
    }

    /** A manual proxy on a loopback port where nothing listens: the direct path fails. */
    PolicyXml deadProxy() throws IOException {
      this.deadProxyPort = freeTcp();
      return this;
    }

    PolicyXml staticRelay(int port) {
      staticRelays.add(port);
      return this;
    }

    String xml() {
      StringBuilder statics = new StringBuilder();
      for (int port : staticRelays) {
        statics.append("    <staticRelay host=\"127.0.0.1\" port=\"").append(port).append("\"/>\n");
      }
      String relayServer =
          relay
              ? """
                <relayServer enabled="true" tunnelPort="%d" maxConnections="64">
                  <contentCache enabled="%b" quotaMiB="64"/>
                </relayServer>
              """
                  .formatted(tunnelPort, cache)
              : "  <relayServer enabled=\"false\"/>\n";
      String proxy =
          deadProxyPort == 0
              ? ""
              : "  <proxy mode=\"manual\" host=\"127.0.0.1\" port=\"" + deadProxyPort + "\"/>\n";
      return """
          <?xml version="1.0" encoding="UTF-8"?>
          <policy xmlns="urn:relay-agent:policy:1">
            <asci intervalMinutes="60"/>
          %s  <relayClient discoveryPort="%d" collectWindowMillis="300">
              <discoveryInterfaces include="lo" exclude=""/>
          %s  </relayClient>
          %s</policy>
          """
          .formatted(relayServer, discoveryPort, statics, proxy);
    }
  }
}
