package io.relayagent.mesh.discovery;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Collects the offers of one round: keeps an offer only if it echoes this round's nonce, comes from
 * a relay not yet heard in this round, is fresh, and is signed by a relay the organisation's CA
 * vouches for. Reports the first valid offer at once. All state is confined to the channels' event
 * loop.
 */
@ChannelHandler.Sharable
final class DiscoveryClientHandler extends SimpleChannelInboundHandler<DatagramPacket> {

  private final byte[] nonce;
  private final long sentAtNanos;
  private final Clock clock;
  private final Duration maxClockSkew;
  private final OfferAuthenticator authenticator;
  private final OncePerSourceLog dropLog;
  private final Runnable onFirstOffer;
  private final Consumer<KnownRelay> onValidOffer;
  private final Set<String> heard = new HashSet<>();
  private final List<KnownRelay> relays = new ArrayList<>();
  private int dropped;
  private Duration firstOfferAfter;

  DiscoveryClientHandler(
      byte[] nonce,
      long sentAtNanos,
      Clock clock,
      Duration maxClockSkew,
      OfferAuthenticator authenticator,
      OncePerSourceLog dropLog,
      Runnable onFirstOffer,
      Consumer<KnownRelay> onValidOffer) {
    this.nonce = nonce.clone();
    this.sentAtNanos = sentAtNanos;
    this.clock = clock;
    this.maxClockSkew = maxClockSkew;
    this.authenticator = authenticator;
    this.dropLog = dropLog;
    this.onFirstOffer = onFirstOffer;
    this.onValidOffer = onValidOffer;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
    long arrivedNanos = System.nanoTime();
    InetSocketAddress sender = packet.sender();
    try {
      KnownRelay relay = accept(packet, sender, arrivedNanos);
      relays.add(relay);
      onValidOffer.accept(relay);
      if (firstOfferAfter == null) {
        firstOfferAfter = relay.roundTrip();
        onFirstOffer.run();
      }
    } catch (MalformedPacketException e) {
      dropped++;
      dropLog.warn(
          sender.getAddress(), e.reason(), "dropped discovery packet (" + e.getMessage() + ")");
    } catch (RejectedOfferException e) {
      dropped++;
      dropLog.warn(sender.getAddress(), e.getMessage(), "dropped an offer: " + e.getMessage());
    }
  }

  private KnownRelay accept(DatagramPacket packet, InetSocketAddress sender, long arrivedNanos)
      throws MalformedPacketException, RejectedOfferException {
    if (!(DiscoveryCodec.decode(packet.content()) instanceof RelayOffer offer)) {
      throw new RejectedOfferException("a request where an offer was expected");
    }
    if (!MessageDigest.isEqual(offer.nonce(), nonce)) {
      throw new RejectedOfferException("nonce is not this round's (replayed or late)");
    }
    if (heard.contains(offer.relayId())) {
      throw new RejectedOfferException("relay " + offer.relayId() + " already answered this round");
    }
    Instant now = clock.instant();
    if (Duration.between(offer.timestamp(), now).abs().compareTo(maxClockSkew) > 0) {
      throw new RejectedOfferException(
          "stale offer from relay "
              + offer.relayId()
              + " (made "
              + offer.timestamp()
              + ", now "
              + now
              + ")");
    }
    authenticator.authenticate(offer, DiscoveryCodec.signedBytes(offer));
    heard.add(offer.relayId());
    return new KnownRelay(
        offer.relayId(),
        new InetSocketAddress(sender.getAddress(), offer.tunnelPort()),
        KnownRelay.Source.DISCOVERED,
        Duration.ofNanos(arrivedNanos - sentAtNanos),
        now,
        offer.load(),
        offer.capacity());
  }

  DiscoveryRound round() {
    return new DiscoveryRound(relays, firstOfferAfter, dropped);
  }

  boolean hasOffer() {
    return firstOfferAfter != null;
  }
}
