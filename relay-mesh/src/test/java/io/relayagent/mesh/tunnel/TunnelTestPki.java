package io.relayagent.mesh.tunnel;

import io.netty.handler.ssl.SslContext;
import io.relayagent.trust.CertificateAuthority;
import io.relayagent.trust.Credential;
import io.relayagent.trust.IssueRequest;
import io.relayagent.trust.KeyAlgorithm;
import io.relayagent.trust.PemFiles;
import io.relayagent.trust.Role;
import io.relayagent.trust.TlsContexts;
import io.relayagent.trust.TrustMaterial;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLSocketFactory;

/**
 * An organisation CA made in memory with real certificates for the relay, an agent and the
 * management server ({@code epo.example.test}, {@code localhost}, {@code 127.0.0.1}).
 */
final class TunnelTestPki {

  static final String SERVER_NAME = "epo.example.test";

  final CertificateAuthority ca;
  final TrustMaterial relay;
  final TrustMaterial agent;
  final TrustMaterial server;

  TunnelTestPki(String name) {
    ca =
        CertificateAuthority.createRoot(
            "CN=" + name + ",O=Relay Agent tunnel tests",
            KeyAlgorithm.P256,
            Duration.ofDays(30),
            Clock.systemUTC());
    relay =
        material(
            ca.issue(
                IssueRequest.of(Role.RELAY, "relay-1")
                    .withDnsNames(List.of("localhost"))
                    .withIpAddresses(List.of("127.0.0.1"))));
    agent = material(ca.issue(IssueRequest.of(Role.AGENT, "agent-1")));
    server =
        material(
            ca.issue(
                IssueRequest.of(Role.SERVER, SERVER_NAME)
                    .withDnsNames(List.of(SERVER_NAME, "localhost"))
                    .withIpAddresses(List.of("127.0.0.1"))));
  }

  /** Trusts the CA, proves nothing: a client without a certificate. */
  TrustMaterial anonymous() {
    return TrustMaterial.of(List.of(ca.certificate()), null, List.of(), null);
  }

  /** The relay's server context, as TunnelServer.start builds it. */
  SslContext relayServerContext() throws Exception {
    return TlsContexts.forServer(relay, Role.AGENT);
  }

  /** JDK sockets of an agent speaking TLS to a relay (no host name check: relays go by role). */
  SSLSocketFactory agentToRelay() {
    return TlsContexts.forJdkClient(agent, Role.RELAY).context().getSocketFactory();
  }

  /** JDK sockets that trust relays but present no certificate. */
  SSLSocketFactory anonymousToRelay() {
    return TlsContexts.forJdkClient(anonymous(), Role.RELAY).context().getSocketFactory();
  }

  /** Writes ca.pem, agent.pem (chain) and agent-key.pem into {@code directory}, for curl. */
  void writeAgentPem(Path directory) throws Exception {
    PemFiles.writeCertificates(directory.resolve("ca.pem"), List.of(ca.certificate()), true);
    Credential identity = agent.identity().orElseThrow();
    PemFiles.writeCertificates(directory.resolve("agent.pem"), identity.chain(), true);
    PemFiles.writePrivateKey(directory.resolve("agent-key.pem"), identity.privateKey(), true);
  }

  private TrustMaterial material(Credential credential) {
    return TrustMaterial.of(List.of(ca.certificate()), credential, List.of(), null);
  }
}
