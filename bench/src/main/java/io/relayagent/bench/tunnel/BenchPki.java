package io.relayagent.bench.tunnel;

import io.relayagent.trust.CaDirectory;
import io.relayagent.trust.Issuance;
import io.relayagent.trust.IssueRequest;
import io.relayagent.trust.KeyAlgorithm;
import io.relayagent.trust.Role;
import io.relayagent.trust.TrustFileException;
import io.relayagent.trust.TrustFiles;
import io.relayagent.trust.TrustMaterial;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The benchmark's organisation CA, made with the project's own tools: a CA directory whose {@code
 * NAME.pem} (chain) and {@code NAME-key.pem} files serve nginx, Squid and curl as they are.
 */
final class BenchPki {
  static final String NGINX = "nginx";
  static final String SQUID = "squid";
  static final String RELAY = "relay";
  static final String AGENT = "agent";

  private final CaDirectory ca;

  BenchPki(Path dir) {
    this.ca = new CaDirectory(dir, Clock.systemUTC());
  }

  /**
   * An EC P-256 root and: nginx's and Squid's server certificates and the relay's, each naming
   * {@code localhost} and {@code 127.0.0.1}; the agent's client certificate.
   */
  void create() throws TrustFileException {
    Issuance issuance = new Issuance(ca);
    issuance.initialize(
        "CN=Tunnel benchmark CA,O=Relay Agent bench", KeyAlgorithm.P256, Duration.ofDays(2), false);
    List<String> dns = List.of("localhost");
    List<String> ips = List.of("127.0.0.1");
    for (String server : List.of(NGINX, SQUID)) {
      issuance.issue(
          IssueRequest.of(Role.SERVER, server).withDnsNames(dns).withIpAddresses(ips), null, false);
    }
    issuance.issue(
        IssueRequest.of(Role.RELAY, RELAY).withDnsNames(dns).withIpAddresses(ips), null, false);
    issuance.issue(IssueRequest.of(Role.AGENT, AGENT), null, false);
  }

  /** Trust in the CA, with {@code name}'s certificate and key as the identity. */
  TrustMaterial material(String name) throws TrustFileException {
    return TrustMaterial.load(
        TrustFiles.trusting(ca.caCertificate())
            .withIdentity(ca.certificate(name), ca.privateKey(name)));
  }
}
