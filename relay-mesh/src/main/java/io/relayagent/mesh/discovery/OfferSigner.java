package io.relayagent.mesh.discovery;

/**
 * Signs a relay's offers with the relay's private key. The production implementation is {@link
 * TrustOfferSigner}, over the relay's certificate and key from the organisation's CA.
 */
public interface OfferSigner {

  /** The relay's certificate (DER), sent in every offer so agents can check it. */
  byte[] certificate();

  /** A signature over {@code data} that the certificate's public key verifies. */
  byte[] sign(byte[] data);
}
