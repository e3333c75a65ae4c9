package io.relayagent.mesh.discovery;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay's side of discovery: answers each valid request with a signed offer sent unicast to the
 * sender's address exactly as received (an IPv6 link-local sender keeps its scope).
 *
 * <p>Drops, without answering: malformed packets and unknown versions (logged once per source and
 * reason), requests smaller than {@link DiscoveryProtocol#REQUEST_BYTES} (they could make the relay
 * amplify a spoofed flood), requests over the rate limits, and every request while the relay cannot
 * serve (upstream unreachable, or at its connection limit). Nothing here blocks: the status is a
 * cheap read and signing is bounded by the rate limits.
 *
 * <p>One instance per channel; the rate limits are shared.
 */
final class DiscoveryResponderHandler extends SimpleChannelInboundHandler<DatagramPacket> {

  private static final Logger log = LoggerFactory.getLogger(DiscoveryResponderHandler.class);

  private final OfferFactory offers;
  private final Supplier<RelayStatus> status;
  private final SourceRateLimiter rateLimiter;
  private final OncePerSourceLog dropLog;
  private final boolean ipv6Only;

  /**
   * @param ipv6Only drop IPv4 senders: Java's IPv6 sockets are dual-stack, so the IPv6 channel also
   *     receives every IPv4 broadcast, which the IPv4 channel already answers
   */
  DiscoveryResponderHandler(
      OfferFactory offers,
      Supplier<RelayStatus> status,
      SourceRateLimiter rateLimiter,
      OncePerSourceLog dropLog,
      boolean ipv6Only) {
    this.ipv6Only = ipv6Only;
    this.offers = offers;
    this.status = status;
    this.rateLimiter = rateLimiter;
    this.dropLog = dropLog;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
    InetSocketAddress sender = packet.sender();
    if (ipv6Only && sender.getAddress() instanceof Inet4Address) {
      return;
    }
    int size = packet.content().readableBytes();
    DiscoveryMessage message;
    try {
      message = DiscoveryCodec.decode(packet.content());
    } catch (MalformedPacketException e) {
      dropLog.warn(
          sender.getAddress(), e.reason(), "dropped discovery packet (" + e.getMessage() + ")");
      return;
    }
    if (!(message instanceof DiscoveryRequest request)) {
      return; // Offers go to agents' own ports; one here is stray and needs no answer.
    }
    if (size < DiscoveryProtocol.REQUEST_BYTES) {
      dropLog.warn(
          sender.getAddress(), "small", "dropped a request of " + size + " bytes (unpadded)");
      return;
    }
    RelayStatus now = status.get();
    if (!now.canServe()) {
      log.debug("not answering {}: {}", sender, now);
      return;
    }
    if (!rateLimiter.tryAcquire(sender.getAddress())) {
      dropLog.warn(
          sender.getAddress(), "rate", "rate limit reached; not answering discovery requests");
      return;
    }
    RelayOffer offer = offers.create(request.nonce(), now, size);
    if (offer == null) {
      dropLog.warn(sender.getAddress(), "fit", "an offer does not fit in the request");
      return;
    }
    log.debug("offering to {} (agent {})", sender, request.agentId());
    ctx.writeAndFlush(new DatagramPacket(DiscoveryCodec.encode(offer, ctx.alloc()), sender))
        .addListener(
            f -> {
              if (!f.isSuccess()) {
                log.debug("cannot send an offer to {}: {}", sender, f.cause().toString());
              }
            });
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // A send error on one datagram (an unreachable host, a tentative IPv6 address) is not fatal.
    log.debug("discovery responder: {}", cause.toString());
  }
}
