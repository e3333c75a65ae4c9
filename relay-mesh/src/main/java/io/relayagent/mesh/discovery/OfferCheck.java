package io.relayagent.mesh.discovery;

import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.time.Duration;

/**
 * What one round asks of a datagram before the agent trusts it as an offer: well-formed, an offer,
 * echoing this round's nonce, made within the clock skew of its arrival, and signed by a relay the
 * organisation's CA vouches for. Stateless apart from the round's nonce, so it runs on any thread
 * (the verifier's); whether a relay already answered this round is the {@link ArrivalLedger}'s
 * question, asked in arrival order.
 */
final class OfferCheck {

  private final byte[] nonce;
  private final Duration maxClockSkew;
  private final OfferAuthenticator authenticator;

  OfferCheck(byte[] nonce, Duration maxClockSkew, OfferAuthenticator authenticator) {
    this.nonce = nonce.clone();
    this.maxClockSkew = maxClockSkew;
    this.authenticator = authenticator;
  }

  /**
   * The relay {@code arrival} offers, stamped with its arrival.
   *
   * @throws MalformedPacketException if it is not a well-formed discovery message
   * @throws RejectedOfferException naming why a well-formed one is not trusted
   */
  KnownRelay check(Arrival arrival) throws MalformedPacketException, RejectedOfferException {
    return check(arrival, decode(arrival));
  }

  /**
   * The offer {@code arrival} carries, not yet checked.
   *
   * @throws MalformedPacketException if it is not a well-formed discovery message
   * @throws RejectedOfferException if it is a request
   */
  static RelayOffer decode(Arrival arrival)
      throws MalformedPacketException, RejectedOfferException {
    if (!(DiscoveryCodec.decode(Unpooled.wrappedBuffer(arrival.datagram()))
        instanceof RelayOffer offer)) {
      throw new RejectedOfferException("a request where an offer was expected");
    }
    return offer;
  }

  /** Whether checking {@code offer} is cheap: its relay's certificate chain was accepted lately. */
  boolean isCheap(RelayOffer offer) {
    return authenticator.remembers(offer);
  }

  /** Checks {@code offer}, decoded from {@code arrival}: see {@link #check(Arrival)}. */
  KnownRelay check(Arrival arrival, RelayOffer offer) throws RejectedOfferException {
    if (!MessageDigest.isEqual(offer.nonce(), nonce)) {
      throw new RejectedOfferException("nonce is not this round's (replayed or late)");
    }
    // Freshness is judged at arrival: time spent waiting to be checked does not age an offer.
    if (Duration.between(offer.timestamp(), arrival.arrivedAt()).abs().compareTo(maxClockSkew)
        > 0) {
      throw new RejectedOfferException(
          "stale offer from relay "
              + offer.relayId()
              + " (made "
              + offer.timestamp()
              + ", received "
              + arrival.arrivedAt()
              + ")");
    }
    authenticator.authenticate(offer, DiscoveryCodec.signedBytes(offer));
    return new KnownRelay(
        offer.relayId(),
        new InetSocketAddress(arrival.sender().getAddress(), offer.tunnelPort()),
        KnownRelay.Source.DISCOVERED,
        arrival.roundTrip(),
        arrival.arrivedAt(),
        offer.load(),
        offer.capacity());
  }
}
