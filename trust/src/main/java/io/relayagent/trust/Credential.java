package io.relayagent.trust;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A certificate chain (end-entity first, then the CA certificates that issued it) and the private
 * key of its first certificate: what a host presents to prove who it is.
 */
public record Credential(List<X509Certificate> chain, PrivateKey privateKey) {

  public Credential {
    chain = List.copyOf(chain);
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("a credential needs at least one certificate");
    }
    if (privateKey == null) {
      throw new IllegalArgumentException("a credential needs a private key");
    }
  }

  /** The end-entity certificate, whose key this credential holds. */
  public X509Certificate certificate() {
    return chain.get(0);
  }

  /**
   * The chain as TLS presents it: without a self-signed root at its end. The peer verifies against
   * the roots it already trusts ({@link ChainVerifier} never takes a root from what was presented),
   * so a presented root is only bytes on the wire and memory in every peer for as long as the
   * connection lasts (a relay holds each agent's chain in two places per tunnel); RFC 8446, 4.4.2,
   * lets it go. The end-entity certificate stays, even if self-signed.
   */
  public X509Certificate[] presentedChain() {
    int length = chain.size();
    if (length > 1 && isSelfSignedRoot(chain.get(length - 1))) {
      length--;
    }
    return chain.subList(0, length).toArray(new X509Certificate[0]);
  }

  private static boolean isSelfSignedRoot(X509Certificate certificate) {
    if (certificate.getBasicConstraints() < 0
        || !certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
      return false;
    }
    try {
      certificate.verify(certificate.getPublicKey());
      return true;
    } catch (GeneralSecurityException e) {
      return false; // a CA certificate named after itself but signed by another key: keep it
    }
  }
}
