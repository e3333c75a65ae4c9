package io.relayagent.agent;

import io.relayagent.trust.CertificateNames;
import io.relayagent.trust.TrustMaterial;

/** The agent's id is its certificate's common name: the server reads it from the TLS session. */
final class AgentIdentity {
  private AgentIdentity() {}

  static String of(TrustMaterial material) {
    return CertificateNames.commonName(
        material
            .identity()
            .orElseThrow(
                () -> new IllegalArgumentException("the agent needs its certificate and key"))
            .certificate());
  }
}
