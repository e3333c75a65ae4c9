package io.relayagent.demo;

import io.relayagent.trust.TrustFileException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo's files, all under one temporary directory: an organisation CA with certificates for the
 * server, the relays and the agent; the server's directory (policies, SiteList, repository); and
 * each host's state directory.
 */
final class DemoWorld {

  static final List<String> RELAYS = List.of("relay-1", "relay-2", "relay-3");
  static final String AGENT = "agent-1";

  final Path root;
  final Path ca;
  final Path serverDir;
  final int serverPort;
  final int discoveryPort;

  private DemoWorld(Path root, int serverPort, int discoveryPort) {
    this.root = root;
    this.ca = root.resolve("ca");
    this.serverDir = root.resolve("server");
    this.serverPort = serverPort;
    this.discoveryPort = discoveryPort;
  }

  static DemoWorld create(Path root) throws IOException, TrustFileException {
    DemoWorld world = new DemoWorld(root, DemoPorts.freeTcp(), DemoPorts.freeUdp());
    world.makeCertificates();
    world.makeServer();
    return world;
  }

  private void makeCertificates() throws IOException, TrustFileException {
    List<String> hosts = new ArrayList<>(RELAYS);
    hosts.add(AGENT);
    DemoCertificates.create(ca, "CN=Relay Agent Demo CA,O=Relay Agent demo", hosts);
  }

  private void makeServer() throws IOException {
    Files.createDirectories(serverDir.resolve("repo"));
    Files.createDirectories(serverDir.resolve("policies"));
    copy(ca.resolve("ca.pem"), serverDir.resolve("ca.pem"));
    copy(ca.resolve("server.pem"), serverDir.resolve("server.pem"));
    copy(ca.resolve("server-key.pem"), serverDir.resolve("server-key.pem"));
    Files.writeString(serverDir.resolve("SiteList.xml"), DemoPolicies.siteList(serverPort));
    Files.writeString(
        serverDir.resolve("policy.xml"), DemoPolicies.agent(discoveryPort, DemoPorts.closedTcp()));
    addContent("signatures-v1.dat", 256 * 1024);
  }

  /** A repository file of random bytes: what the agent must download and verify. */
  void addContent(String name, int size) throws IOException {
    byte[] bytes = new byte[size];
    new SecureRandom().nextBytes(bytes);
    Files.write(serverDir.resolve("repo").resolve(name), bytes);
  }

  /** A host's state directory with its trust files, policy and SiteList; returns the directory. */
  Path host(String name, String policy) throws IOException {
    Path state = Files.createDirectories(root.resolve(name));
    Path trust = Files.createDirectories(state.resolve("trust"));
    copy(ca.resolve("ca.pem"), trust.resolve("ca.pem"));
    copy(ca.resolve(name + ".pem"), trust.resolve("agent.pem"));
    copy(ca.resolve(name + "-key.pem"), trust.resolve("agent-key.pem"));
    Files.writeString(state.resolve("policy.xml"), policy, StandardCharsets.UTF_8);
    Files.writeString(
        state.resolve("SiteList.xml"), DemoPolicies.siteList(serverPort), StandardCharsets.UTF_8);
    // The server hands each host its own policy, as an administrator assigns policies to groups.
    Files.writeString(
        serverDir.resolve("policies").resolve(name + ".xml"), policy, StandardCharsets.UTF_8);
    return state;
  }

  private static void copy(Path from, Path to) throws IOException {
    // Attributes too: a private key stays owner-only.
    Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
  }
}
