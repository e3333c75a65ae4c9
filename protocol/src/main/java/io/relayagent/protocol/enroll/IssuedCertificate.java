package io.relayagent.protocol.enroll;

import io.relayagent.protocol.json.Fields;

/**
 * The answer to an enrollment or a renewal: the new certificate and the CA certificate that issued
 * it, in PEM, end entity first. The host checks that it carries its own public key and leads to a
 * root it trusts before it uses it.
 *
 * @param certificateChain PEM certificates, the new one first
 */
public record IssuedCertificate(String certificateChain) {
  public static final int MAX_CHAIN_CHARS = 64 * 1024;

  public IssuedCertificate {
    certificateChain = Fields.text("certificateChain", certificateChain, MAX_CHAIN_CHARS);
  }
}
