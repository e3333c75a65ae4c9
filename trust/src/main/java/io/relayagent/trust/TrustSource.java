package io.relayagent.trust;

/**
 * Where the trust material of a host is read at the moment it is needed: at each TLS handshake,
 * each offer or catalog signature check, each offer signed. A {@link TrustMaterial} is a source
 * that never changes; a {@link LiveTrust} is one that changes when the host enrolls, renews its
 * certificate, or receives a new trust bundle or CRL, without rebuilding what reads it.
 */
public interface TrustSource {
  /** The material in force now. */
  TrustMaterial current();
}
