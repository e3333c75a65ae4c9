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

  /**
   * Does the costly half of {@code count} future signatures now, if this signer can.
   *
   * @return how many signatures can now be made cheaply
   */
  default int precompute(int count) {
    return 0;
  }

  /** How many signatures can be made cheaply now. */
  default int precomputed() {
    return 0;
  }
}
