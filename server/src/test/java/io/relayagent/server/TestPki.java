package io.relayagent.server;

import io.relayagent.trust.CertificateAuthority;
import io.relayagent.trust.ChainVerifier;
import io.relayagent.trust.Credential;
import io.relayagent.trust.IssueRequest;
import io.relayagent.trust.KeyAlgorithm;
import io.relayagent.trust.Role;
import io.relayagent.trust.TrustMaterial;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** An organisation CA made in memory, with real certificates for the server, agents and relays. */
public final class TestPki {
  private final CertificateAuthority ca;

  public TestPki(String name) {
    ca =
        CertificateAuthority.createRoot(
            "CN=" + name + ",O=Relay Agent tests",
            KeyAlgorithm.P256,
            Duration.ofDays(30),
            Clock.systemUTC());
  }

  /** The management server's material, answering to 127.0.0.1 and localhost. */
  public TrustMaterial server() {
    return material(
        ca.issue(
            IssueRequest.of(Role.SERVER, "mgmt")
                .withDnsNames(List.of("localhost"))
                .withIpAddresses(List.of("127.0.0.1"))));
  }

  public TrustMaterial agent(String agentId) {
    return material(ca.issue(IssueRequest.of(Role.AGENT, agentId)));
  }

  public TrustMaterial relay(String relayId) {
    return material(ca.issue(IssueRequest.of(Role.RELAY, relayId)));
  }

  /** Trust in this CA without an identity: an administrator's client. */
  public TrustMaterial trustOnly() {
    return TrustMaterial.of(List.of(ca.certificate()), null, List.of(), null);
  }

  public ChainVerifier verifier() {
    return new ChainVerifier(trustOnly(), Clock.systemUTC());
  }

  private TrustMaterial material(Credential credential) {
    return TrustMaterial.of(List.of(ca.certificate()), credential, List.of(), null);
  }
}
