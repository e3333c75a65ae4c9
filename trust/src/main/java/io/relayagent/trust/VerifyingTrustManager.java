package io.relayagent.trust;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trust manager of every TLS context: it hands the peer's chain to {@link ChainVerifier}, and
 * on a client whose connection asks for endpoint identification ("HTTPS") it also checks the host
 * name. Extending {@link X509ExtendedTrustManager} keeps the JDK and Netty from wrapping it with
 * their own checks, so the refusal the handshake reports is ours, naming the certificate.
 */
final class VerifyingTrustManager extends X509ExtendedTrustManager {
  private static final Logger LOG = LoggerFactory.getLogger(VerifyingTrustManager.class);

  private final ChainVerifier verifier;
  private final Role expectedPeer;
  private final TrustSource trust;

  /** Checks peers expected to act as {@code expectedPeer}. */
  VerifyingTrustManager(ChainVerifier verifier, Role expectedPeer, TrustSource trust) {
    this.verifier = verifier;
    this.expectedPeer = expectedPeer;
    this.trust = trust;
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    verify(chain, null, null);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    verify(chain, null, null);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    verify(chain, null, null);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    verify(chain, null, null);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    if (socket instanceof SSLSocket ssl) {
      SSLSession session = ssl.getHandshakeSession();
      verify(chain, ssl.getSSLParameters(), session == null ? null : session.getPeerHost());
    } else {
      verify(chain, null, null);
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    verify(chain, engine.getSSLParameters(), engine.getPeerHost());
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return trust.current().trustedRoots().toArray(new X509Certificate[0]);
  }

  private void verify(X509Certificate[] chain, SSLParameters parameters, String peerHost)
      throws CertificateRejectedException {
    try {
      verifier.verify(chain, expectedPeer);
      String identification =
          parameters == null ? null : parameters.getEndpointIdentificationAlgorithm();
      if (identification != null && !identification.isEmpty()) {
        HostNameCheck.check(chain[0], peerHost);
      }
    } catch (CertificateRejectedException e) {
      LOG.warn("TLS peer refused: {}", e.getMessage());
      throw e;
    }
  }
}
