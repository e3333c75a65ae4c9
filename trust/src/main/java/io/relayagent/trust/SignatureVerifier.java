package io.relayagent.trust;

import java.security.SignatureException;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Checks a discovery offer's signature: the certificate must be a relay's that {@link
 * ChainVerifier} accepts (trusted, valid, not revoked), and its key must have signed the offer.
 */
public final class SignatureVerifier {
  private final ChainVerifier verifier;

  public SignatureVerifier(ChainVerifier verifier) {
    this.verifier = verifier;
  }

  /**
   * Verifies {@code signature} over {@code data}, made by the key of {@code relayChain}'s first
   * certificate.
   *
   * @return the relay's certificate
   * @throws CertificateRejectedException if the chain is not an acceptable relay's
   * @throws SignatureException if the signature is not the relay key's signature of the data
   */
  public X509Certificate verify(byte[] data, byte[] signature, List<X509Certificate> relayChain)
      throws CertificateRejectedException, SignatureException {
    verifier.verify(relayChain, Role.RELAY);
    X509Certificate relay = relayChain.get(0);
    verifySignature(data, signature, relay);
    return relay;
  }

  /**
   * Verifies only that {@code relay}'s key signed {@code data}: for a caller that has already had
   * this very certificate accepted by {@link #verify} (and remembers that for a short while, since
   * checking the chain costs more than checking the signature).
   *
   * @throws SignatureException if the signature is not the relay key's signature of the data
   */
  public void verifySignature(byte[] data, byte[] signature, X509Certificate relay)
      throws SignatureException {
    EcdsaSignatures.verify(relay, data, signature, "offer");
  }
}
