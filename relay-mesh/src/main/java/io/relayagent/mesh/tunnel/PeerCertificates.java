package io.relayagent.mesh.tunnel;

import io.netty.handler.ssl.SslHandler;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * The certificate chain the peer proved itself with in a connection's TLS handshake. The listener
 * asks for a certificate without requiring one, and the handshake fully verifies one that is
 * presented, so a non-empty chain here has passed the trust checks of its handshake. The agent
 * reads a relay's chain the same way, to name a static relay by its certificate.
 */
public final class PeerCertificates {

  private PeerCertificates() {}

  /** The peer's chain, end entity first; empty when it presented none (or TLS is not done). */
  public static List<X509Certificate> of(SslHandler tls) {
    if (!tls.handshakeFuture().isSuccess()) {
      return List.of();
    }
    try {
      List<X509Certificate> chain = new ArrayList<>();
      for (Certificate certificate : tls.engine().getSession().getPeerCertificates()) {
        if (certificate instanceof X509Certificate x509) {
          chain.add(x509);
        }
      }
      return chain;
    } catch (SSLPeerUnverifiedException e) {
      return List.of();
    }
  }
}
