package io.relayagent.mesh.discovery;

import io.relayagent.trust.CertificateRejectedException;
import io.relayagent.trust.SignatureVerifier;
import java.io.ByteArrayInputStream;
import java.security.SignatureException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Trusts an offer when its certificate is a relay's that the organisation's CA issued (valid, not
 * revoked), names the relay id the offer claims (as its common name), and its key signed the offer.
 */
public final class TrustOfferAuthenticator implements OfferAuthenticator {

  private final SignatureVerifier verifier;

  public TrustOfferAuthenticator(SignatureVerifier verifier) {
    this.verifier = verifier;
  }

  @Override
  public void authenticate(RelayOffer offer, byte[] signedBytes) throws RejectedOfferException {
    if (offer.signature().length == 0) {
      throw new RejectedOfferException("unsigned offer from relay " + offer.relayId());
    }
    X509Certificate certificate;
    try {
      certificate =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(new ByteArrayInputStream(offer.certificate()));
    } catch (CertificateException | ClassCastException e) {
      throw new RejectedOfferException(
          "offer from relay " + offer.relayId() + " has no readable certificate", e);
    }
    String commonName = CertificateNames.commonName(certificate);
    if (!offer.relayId().equals(commonName)) {
      throw new RejectedOfferException(
          "offer claims relay id " + offer.relayId() + " but its certificate is for " + commonName);
    }
    try {
      verifier.verify(signedBytes, offer.signature(), List.of(certificate));
    } catch (CertificateRejectedException | SignatureException e) {
      throw new RejectedOfferException(
          "offer from relay " + offer.relayId() + ": " + e.getMessage(), e);
    }
  }
}
