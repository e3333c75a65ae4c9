package io.relayagent.mesh.discovery;

/**
 * Decides whether an agent trusts an offer: its certificate chains to the organisation's CA, is
 * valid now, is a relay's, and its key signed the offer. The production implementation is {@link
 * TrustOfferAuthenticator}.
 */
public interface OfferAuthenticator {

  /**
   * @param offer the decoded offer
   * @param signedBytes the bytes its signature must cover
   * @throws RejectedOfferException naming the reason, when the offer must be dropped
   */
  void authenticate(RelayOffer offer, byte[] signedBytes) throws RejectedOfferException;

  /**
   * Whether {@code offer}'s certificate was accepted recently, so that checking it costs only its
   * signature and dates (a tenth of a millisecond), not a certificate chain.
   */
  default boolean remembers(RelayOffer offer) {
    return false;
  }

  /**
   * Runs the checks once on material of its own, so that the first offer is checked as fast as the
   * rest (a fresh JVM loads and compiles the cryptography on first use). Never throws.
   */
  default void warmUp() {}
}
