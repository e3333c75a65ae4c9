package io.relayagent.demo;

import io.relayagent.agent.Agent;
import io.relayagent.files.AtomicFile;
import io.relayagent.files.FileAccess;
import io.relayagent.server.ReferenceServer;
import io.relayagent.server.ServerSettings;
import io.relayagent.server.ServerStartException;
import io.relayagent.server.admin.AdminClient;
import io.relayagent.trust.LoopbackPki;
import io.relayagent.trust.Role;
import io.relayagent.trust.TlsContexts;
import io.relayagent.trust.TrustFileException;
import io.relayagent.trust.TrustFiles;
import io.relayagent.trust.TrustMaterial;
import io.relayagent.xml.XmlFileException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A whole installation on one machine, all under one directory: an organisation CA with
 * certificates for the server and each host, the server's directory (policies, SiteList,
 * repository) and the running reference server, and each host's state directory with the agent
 * started in it. {@code relay-agent demo} runs its story in one; the tests that need the agent and
 * the server together build theirs the same way. Every port is bound with 0 and read back, or held
 * for the world's life ({@link DemoPorts}). Closing it stops every agent it started, then the
 * server.
 *
 * <pre>{@code
 * try (DemoWorld world = DemoWorld.create(dir, List.of("relay-1", "agent-1"))) {
 *   world.startServer();
 *   world.host("relay-1", world.policy().relay().xml());
 *   Agent relay = world.start("relay-1");
 * }
 * }</pre>
 */
public final class DemoWorld implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DemoWorld.class);
  private static final String SERVER = "server";

  final Path root;
  final Path ca;
  final Path serverDir;
  private final DemoPorts ports;
  private final Deque<Agent> agents = new ArrayDeque<>();
  private ReferenceServer server;

  private DemoWorld(Path root, DemoPorts ports) {
    this.root = root;
    this.ca = root.resolve("ca");
    this.serverDir = root.resolve(SERVER);
    this.ports = ports;
  }

  /**
   * Makes the CA with certificates for the server and {@code hosts} (a relay's, for names that
   * start with {@code relay}; an agent's otherwise), reserves the shared ports and prepares the
   * server's directory. Nothing runs yet.
   */
  public static DemoWorld create(Path root, List<String> hosts)
      throws IOException, TrustFileException {
    DemoWorld world = new DemoWorld(root, DemoPorts.reserve());
    try {
      world.makeCertificates(hosts);
      world.makeServerDirectory();
      return world;
    } catch (IOException | TrustFileException | RuntimeException e) {
      world.close();
      throw e;
    }
  }

  private void makeCertificates(List<String> hosts) throws TrustFileException {
    LoopbackPki pki =
        LoopbackPki.create(ca, "CN=Relay Agent Demo CA,O=Relay Agent demo")
            .issue(Role.SERVER, SERVER);
    for (String host : hosts) {
      pki.issue(host.startsWith("relay") ? Role.RELAY : Role.AGENT, host);
    }
  }

  private void makeServerDirectory() throws IOException {
    Files.createDirectories(serverDir.resolve("repo"));
    Files.createDirectories(serverDir.resolve("policies"));
    copy(ca.resolve("ca.pem"), serverDir.resolve("ca.pem"));
    copy(ca.resolve(SERVER + ".pem"), serverDir.resolve("server.pem"));
    copy(ca.resolve(SERVER + "-key.pem"), serverDir.resolve("server-key.pem"));
    replace(serverDir.resolve("policy.xml"), policy().deadProxy().xml());
  }

  /**
   * Starts the reference server on a loopback port the system chooses, then writes the SiteList
   * that names it (the server reads it when it changes).
   */
  public ReferenceServer startServer() throws ServerStartException, IOException {
    TrustFiles trust =
        TrustFiles.trusting(serverDir.resolve("ca.pem"))
            .withIdentity(serverDir.resolve("server.pem"), serverDir.resolve("server-key.pem"));
    server =
        ReferenceServer.start(
            ServerSettings.of(serverDir, trust)
                .withCaDirectory(ca)
                .withBindAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
    replace(serverDir.resolve("SiteList.xml"), DemoPolicy.siteList(server.port()));
    return server;
  }

  /** The running server. */
  public ReferenceServer server() {
    if (server == null) {
      throw new IllegalStateException("the world's server has not been started");
    }
    return server;
  }

  /** A policy for one of this world's hosts: its shared discovery port, its dead proxy. */
  public DemoPolicy policy() {
    return new DemoPolicy(ports.discovery(), ports.deadProxy());
  }

  /** The UDP port every host discovers relays on. */
  public int discoveryPort() {
    return ports.discovery();
  }

  /** The directory everything is in. */
  public Path root() {
    return root;
  }

  /**
   * Writes {@code name}'s state directory (trust files, policy, a SiteList naming the world's
   * server) and assigns it the same policy on the server; returns the directory.
   */
  public Path host(String name, String policy) throws IOException {
    return host(name, policy, server().port());
  }

  /** The same, with a SiteList that names a server of the caller's own at {@code serverPort}. */
  public Path host(String name, String policy, int serverPort) throws IOException {
    Path state = Files.createDirectories(root.resolve(name));
    Path trust = Files.createDirectories(state.resolve("trust"));
    copy(ca.resolve("ca.pem"), trust.resolve("ca.pem"));
    copy(ca.resolve(name + ".pem"), trust.resolve("agent.pem"));
    copy(ca.resolve(name + "-key.pem"), trust.resolve("agent-key.pem"));
    Files.writeString(state.resolve("policy.xml"), policy, StandardCharsets.UTF_8);
    Files.writeString(
        state.resolve("SiteList.xml"), DemoPolicy.siteList(serverPort), StandardCharsets.UTF_8);
    assignPolicy(name, policy);
    return state;
  }

  /**
   * A host as an install bundle leaves it: the organisation's CA, the enrollment token, the policy
   * and the SiteList, and no certificate; it enrolls at its first ASCI under {@code name}.
   */
  public Path enrollingHost(String name, String policy, String token) throws IOException {
    Path state = Files.createDirectories(root.resolve(name));
    Path trust = Files.createDirectories(state.resolve("trust"));
    copy(ca.resolve("ca.pem"), trust.resolve("ca.pem"));
    AtomicFile.replace(
        trust.resolve("enrollment-token"),
        token.getBytes(StandardCharsets.UTF_8),
        FileAccess.SECRET);
    Files.writeString(trust.resolve("agent-name"), name, StandardCharsets.UTF_8);
    Files.writeString(state.resolve("policy.xml"), policy, StandardCharsets.UTF_8);
    Files.writeString(
        state.resolve("SiteList.xml"),
        DemoPolicy.siteList(server().port()),
        StandardCharsets.UTF_8);
    assignPolicy(name, policy);
    return state;
  }

  /** The running server's admin API, as its administrator reaches it (token and CA). */
  public AdminClient adminClient() throws TrustFileException {
    return new AdminClient(
        URI.create("https://localhost:" + server().port()),
        server().adminToken(),
        TlsContexts.forJdkClient(
            TrustMaterial.load(TrustFiles.trusting(ca.resolve("ca.pem"))), Role.SERVER));
  }

  /** The CA directory the server issues from. */
  public Path caDirectory() {
    return ca;
  }

  /** What the server hands {@code name} at its next ASCI, as an administrator assigns it. */
  public void assignPolicy(String name, String policy) throws IOException {
    replace(serverDir.resolve("policies").resolve(name + ".xml"), policy);
  }

  /** Starts the agent in {@code name}'s state directory; the world stops it when it closes. */
  public Agent start(String name, Consumer<String> progress) throws IOException {
    Path state = root.resolve(name);
    try {
      Agent agent =
          Agent.start(
              new Agent.Options(state.resolve("policy.xml"), state.resolve("SiteList.xml"), state),
              progress);
      agents.push(agent);
      return agent;
    } catch (XmlFileException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  public Agent start(String name) throws IOException {
    return start(name, line -> {});
  }

  /**
   * The port {@code relay}'s tunnel listens on: the one the system chose for it.
   *
   * @throws IllegalStateException if its relay capability is not running
   */
  public static int tunnelPort(Agent relay) {
    if (!relay.status().relay().running()) {
      throw new IllegalStateException(relay.agentId() + " runs no relay (see its log)");
    }
    return relay.status().relay().tunnelPort();
  }

  /** Stops an agent now (a relay going away), before the world closes. */
  public void stop(Agent agent) {
    agents.remove(agent);
    agent.close();
  }

  /**
   * A repository file of random bytes, what agents must download and verify; returns the bytes. A
   * running server rescans its repository at once.
   */
  public byte[] addContent(String name, int size) throws IOException {
    byte[] bytes = new byte[size];
    new SecureRandom().nextBytes(bytes);
    Path file = serverDir.resolve("repo").resolve(name);
    Files.createDirectories(file.getParent());
    Files.write(file, bytes);
    if (server != null) {
      server.rescanRepository();
    }
    return bytes;
  }

  @Override
  public void close() {
    while (!agents.isEmpty()) {
      agents.pop().close();
    }
    if (server != null) {
      server.close();
    }
    try {
      ports.close();
    } catch (IOException e) {
      log.debug("releasing the demo's ports: {}", e.toString());
    }
  }

  /** Replaces {@code file} whole, so that the server never reads half of it. */
  private static void replace(Path file, String content) throws IOException {
    AtomicFile.replace(file, content.getBytes(StandardCharsets.UTF_8), FileAccess.PUBLIC);
  }

  private static void copy(Path from, Path to) throws IOException {
    AtomicFile.copy(from, to); // with its attributes: a private key stays owner-only
  }
}
