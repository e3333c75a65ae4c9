package io.relayagent.mesh.discovery;

import io.relayagent.trust.CertificateNames;
import io.relayagent.trust.Credential;
import io.relayagent.trust.TrustMaterial;
import java.security.cert.CertificateEncodingException;

/** Signs offers with the relay's key and certificate from the organisation's CA. */
public final class TrustOfferSigner implements OfferSigner {

  private final io.relayagent.trust.OfferSigner signer;
  private final byte[] certificate;
  private final String relayId;

  public TrustOfferSigner(TrustMaterial relayMaterial) {
    this.signer = io.relayagent.trust.OfferSigner.of(relayMaterial);
    Credential identity = relayMaterial.identity().orElseThrow();
    try {
      this.certificate = identity.certificate().getEncoded();
    } catch (CertificateEncodingException e) {
      throw new IllegalArgumentException("cannot encode the relay's certificate", e);
    }
    this.relayId = CertificateNames.commonName(identity.certificate());
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
  }

  /** The relay id offers must carry: the certificate's common name. */
  public String relayId() {
    return relayId;
  }

  @Override
  public byte[] certificate() {
    return certificate.clone();
  }

  @Override
  public byte[] sign(byte[] data) {
    return signer.sign(data);
  }
}
