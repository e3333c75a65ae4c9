package io.relayagent.trust;

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
}
