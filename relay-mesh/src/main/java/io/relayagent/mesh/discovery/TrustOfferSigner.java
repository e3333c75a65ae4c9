package io.relayagent.mesh.discovery;

import io.relayagent.trust.CertificateNames;
import io.relayagent.trust.Credential;
import io.relayagent.trust.TrustSource;
import java.security.cert.CertificateEncodingException;

/**
 * Signs offers with the relay's key and certificate from the organisation's CA. The identity is
 * read from the trust source at each offer, so a relay whose certificate is renewed signs its next
 * offer with the new one without restarting (and starts a new pool of precomputed nonces with it).
 * The certificate's encoding is made once per identity, not per offer.
 */
public final class TrustOfferSigner implements OfferSigner {

  /** What one identity signs with: built once per certificate. */
  private record Signing(
      Credential identity,
      io.relayagent.trust.OfferSigner signer,
      byte[] certificate,
      String relayId) {}

  private final TrustSource relayTrust;
  private volatile Signing signing;

  /**
   * @throws IllegalArgumentException if the current identity is missing, not a relay's, or does not
   *     fit in an offer
   */
  public TrustOfferSigner(TrustSource relayTrust) {
    this.relayTrust = relayTrust;
    this.signing = signingFor(relayTrust.current().identity().orElse(null));
  }

  private Signing current() {
    Signing now = signing;
    Credential identity = relayTrust.current().identity().orElse(null);
    // The same object at nearly every offer: compared by identity first, since comparing keys
    // encodes them.
    if (identity != null && identity != now.identity() && !identity.equals(now.identity())) {
      try {
        now = signingFor(identity);
        signing = now;
      } catch (IllegalArgumentException e) {
        // A renewed identity that cannot sign offers: keep signing with the previous one.
      }
    }
    return now;
  }

  private static Signing signingFor(Credential identity) {
    if (identity == null) {
      throw new IllegalArgumentException("a relay needs its certificate and key");
    }
    io.relayagent.trust.OfferSigner signer = io.relayagent.trust.OfferSigner.of(identity);
    byte[] certificate;
    try {
      certificate = identity.certificate().getEncoded();
    } catch (CertificateEncodingException e) {
      throw new IllegalArgumentException("cannot encode the relay's certificate", e);
    }
    String relayId = CertificateNames.commonName(identity.certificate());
    if (!DiscoveryProtocol.isValidId(relayId)) {
      throw new IllegalArgumentException(
          "a relay's certificate common name is its relay id (1-64 of A-Z a-z 0-9 . _ : -), not "
              + relayId);
    }
    if (certificate.length > DiscoveryProtocol.MAX_CERTIFICATE_BYTES) {
      throw new IllegalArgumentException(
          "the relay's certificate is "
              + certificate.length
              + " bytes; offers carry at most "
              + DiscoveryProtocol.MAX_CERTIFICATE_BYTES
              + " (use an EC key and few names)");
    }
    return new Signing(identity, signer, certificate, relayId);
  }

  /** The relay id offers must carry: the certificate's common name. */
  public String relayId() {
    return current().relayId();
  }

  @Override
  public byte[] certificate() {
    return current().certificate().clone();
  }

  @Override
  public byte[] sign(byte[] data) {
    return current().signer().sign(data);
  }

  @Override
  public int precompute(int count) {
    return current().signer().precompute(count);
  }

  @Override
  public int precomputed() {
    return current().signer().precomputed();
  }
}
