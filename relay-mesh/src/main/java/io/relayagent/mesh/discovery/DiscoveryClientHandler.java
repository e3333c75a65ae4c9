package io.relayagent.mesh.discovery;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Collects the offers of one round. Each datagram is stamped the moment it is read, before anything
 * else happens to it, and takes its place in arrival order; it is then checked off the event loop
 * (see {@link OfferVerifier}), so that a slow check cannot delay reading, stamping or ranking the
 * datagrams behind it, unless it is the round's first and checking it is cheap ({@link
 * #checkHere}). Valid offers are reported in arrival order (the first at once), each relay once.
 * State is confined to the round's event loop.
 *
 * <p>Sharable only so that a round whose IPv6 socket failed can fall back to an IPv4 one: a round
 * has one socket at a time.
 */
@ChannelHandler.Sharable
final class DiscoveryClientHandler extends SimpleChannelInboundHandler<DatagramPacket>
    implements ArrivalLedger.Outcome {

  private final OfferCheck check;
  private final OfferVerifier verifier;
  private final Clock clock;
  private final OncePerSourceLog dropLog;
  private final Runnable onFirstOffer;
  private final Consumer<KnownRelay> onValidOffer;
  private final ArrivalLedger ledger = new ArrivalLedger(this);
  private final List<KnownRelay> relays = new ArrayList<>();
  private final long startedNanos;
  private long sentNanos = -1;
  private int dropped;
  private Duration firstOfferAfter;
  private CompletableFuture<DiscoveryRound> settled;

  /**
   * @param startedNanos when the round was asked for ({@link System#nanoTime()})
   */
  DiscoveryClientHandler(
      byte[] nonce,
      long startedNanos,
      Clock clock,
      Duration maxClockSkew,
      OfferVerifier verifier,
      OncePerSourceLog dropLog,
      Runnable onFirstOffer,
      Consumer<KnownRelay> onValidOffer) {
    this.startedNanos = startedNanos;
    this.check = new OfferCheck(nonce, maxClockSkew, verifier.authenticator());
    this.verifier = verifier;
    this.clock = clock;
    this.dropLog = dropLog;
    this.onFirstOffer = onFirstOffer;
    this.onValidOffer = onValidOffer;
  }

  /** The request is being sent now: round trips are measured from here. */
  void requestSent(long nanos) {
    if (sentNanos < 0) {
      sentNanos = nanos;
    }
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
    long arrivedNanos = System.nanoTime();
    Instant arrivedAt = clock.instant();
    InetSocketAddress sender = packet.sender();
    if (sentNanos < 0 || settled != null) {
      // Before the request left nobody can know its nonce; after the round, nobody waits.
      dropped++;
      return;
    }
    long sequence = ledger.admit(sender.getAddress());
    if (sequence < 0) {
      drop(sender.getAddress(), "flood", "too many offers waiting to be checked");
      return;
    }
    Arrival arrival =
        new Arrival(
            sequence,
            Duration.ofNanos(arrivedNanos - sentNanos),
            arrivedAt,
            sender,
            ByteBufUtil.getBytes(packet.content()));
    if (sequence == 0 && checkHere(arrival)) {
      return;
    }
    EventLoop loop = ctx.channel().eventLoop();
    if (!verifier.verify(check, arrival, loop, verdict -> settle(arrival, verdict))) {
      ledger.refused(sequence);
      drop(sender.getAddress(), "busy", "the offer checks are saturated");
    }
  }

  /**
   * Checks the round's first datagram here, on the event loop, when that is cheap: its relay's
   * certificate chain was accepted lately, so that only the signature and dates are checked (a
   * tenth of a millisecond). The first offer is the one the agent connects through, and handing it
   * to the verifier's thread and back costs more than the check, on a busy host much more (two
   * thread wake-ups). Datagrams that arrive meanwhile wait in the socket's buffer, in their order,
   * and are stamped that much later: so only the first is checked here, and every later one goes to
   * the verifier (checked here one after another, a running agent's seventh offer was stamped 50 ms
   * late on a loaded host). A malformed datagram, or an unknown relay whose chain must be checked
   * (milliseconds, far more on a fresh JVM), goes to the verifier too.
   *
   * @return whether it was settled here
   */
  private boolean checkHere(Arrival arrival) {
    RelayOffer offer;
    try {
      offer = OfferCheck.decode(arrival);
    } catch (MalformedPacketException | RejectedOfferException e) {
      return false; // the verifier refuses it, and says why, as it does any other
    }
    if (!check.isCheap(offer)) {
      return false;
    }
    settle(arrival, OfferVerifier.verdict(check, arrival, offer));
    return true;
  }

  private void settle(Arrival arrival, OfferVerifier.Verdict verdict) {
    if (verdict.relay() != null) {
      ledger.verified(arrival.sequence(), verdict.relay());
    } else {
      ledger.refused(arrival.sequence());
      InetAddress source = arrival.sender().getAddress();
      if (verdict.refusal() instanceof MalformedPacketException e) {
        drop(source, e.reason(), "dropped discovery packet (" + e.getMessage() + ")");
      } else {
        String reason = verdict.refusal().getMessage();
        drop(source, reason, "dropped an offer: " + reason);
      }
    }
    completeIfSettled();
  }

  @Override
  public void published(KnownRelay relay) {
    relays.add(relay);
    onValidOffer.accept(relay);
    if (firstOfferAfter == null) {
      firstOfferAfter = relay.roundTrip();
      onFirstOffer.run();
    }
  }

  @Override
  public void duplicate(KnownRelay relay, InetAddress source) {
    String reason = "relay " + relay.relayId() + " already answered this round";
    drop(source, reason, "dropped an offer: " + reason);
  }

  /**
   * Ends the round (its sockets are closed): completes once every datagram already read is settled,
   * or after {@code grace}, when those still unchecked are dropped. Call on the event loop.
   */
  CompletableFuture<DiscoveryRound> finish(EventLoop loop, Duration grace) {
    if (settled == null) {
      settled = new CompletableFuture<>();
      if (!completeIfSettled()) {
        loop.schedule(
            () -> {
              dropped += ledger.abandonUnchecked();
              completeIfSettled();
            },
            grace.toNanos(),
            TimeUnit.NANOSECONDS);
      }
    }
    return settled;
  }

  boolean hasOffer() {
    return firstOfferAfter != null;
  }

  /** The most datagrams that waited to be checked at once. */
  int mostWaiting() {
    return ledger.mostWaiting();
  }

  DiscoveryRound round() {
    Duration requestSentAfter = sentNanos < 0 ? null : Duration.ofNanos(sentNanos - startedNanos);
    return new DiscoveryRound(relays, requestSentAfter, firstOfferAfter, dropped);
  }

  private boolean completeIfSettled() {
    if (settled == null || ledger.waiting() > 0) {
      return false;
    }
    return settled.complete(round());
  }

  private void drop(InetAddress source, Object reason, String message) {
    dropped++;
    dropLog.warn(source, reason, message);
  }
}
