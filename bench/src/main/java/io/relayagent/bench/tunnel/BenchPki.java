package io.relayagent.bench.tunnel;

import io.relayagent.bench.common.BenchTrust;
import io.relayagent.tests.hosts.HostFiles;
import io.relayagent.trust.IssueRequest;
import io.relayagent.trust.Role;
import io.relayagent.trust.TrustFileException;
import io.relayagent.trust.TrustMaterial;
import java.nio.file.Path;
import java.util.List;

/**
 * The benchmark's organisation CA, made with the project's own tools: a CA directory whose {@code
 * NAME.pem} (chain) and {@code NAME-key.pem} files serve nginx, Squid, curl and the relay as they
 * are.
 */
final class BenchPki {
  static final String NGINX = "nginx";
  static final String SQUID = "squid";
  static final String RELAY = "relay";
  static final String AGENT = "agent";

  private final Path dir;

  BenchPki(Path dir) {
    this.dir = dir;
  }

  /**
   * An EC P-256 root and: nginx's and Squid's server certificates and the relay's, each naming
   * {@code localhost} and {@code 127.0.0.1}; the agent's client certificate.
   */
  HostFiles create() throws TrustFileException {
    HostFiles files = HostFiles.newCa(dir, "CN=Tunnel benchmark CA,O=Relay Agent bench");
    List<String> dns = List.of("localhost");
    List<String> ips = List.of("127.0.0.1");
    for (String server : List.of(NGINX, SQUID)) {
      files.issue(IssueRequest.of(Role.SERVER, server).withDnsNames(dns).withIpAddresses(ips));
    }
    files.issue(IssueRequest.of(Role.RELAY, RELAY).withDnsNames(dns).withIpAddresses(ips));
    files.issue(IssueRequest.of(Role.AGENT, AGENT));
    return files;
  }

  /** Trust in the CA, with {@code name}'s certificate and key as the identity. */
  TrustMaterial material(String name) throws TrustFileException {
    return BenchTrust.material(dir, name);
  }
}
