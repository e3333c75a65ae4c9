package io.relayagent.mesh.discovery;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.relayagent.config.DiscoveryAnswerPolicy;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay's side of discovery: answers each valid request with a signed offer sent unicast to the
 * sender's address exactly as received (an IPv6 link-local sender keeps its scope), after the delay
 * that {@link AnswerRule} gives its load.
 *
 * <p>Drops, without answering: malformed packets and unknown versions (logged once per source and
 * reason), requests smaller than {@link DiscoveryProtocol#REQUEST_BYTES} (they could make the relay
 * amplify a spoofed flood), requests over the rate limits, and every request the rule leaves silent
 * (upstream unreachable, full, busy).
 *
 * <p>The event loop reads, decides and sends: the offer is signed off the loop ({@link Signing},
 * earliest send time first; on the loop only when it is due at once and nothing else waits to be
 * signed), and sent once the delay, counted from the moment the request was read, has passed (at
 * once if signing took longer). So the order in which relays answer is the order of their delays,
 * not of how fast each one signs.
 *
 * <p>One instance per channel; the rate limits and promised offers are shared.
 */
final class DiscoveryResponderHandler extends SimpleChannelInboundHandler<DatagramPacket> {

  private static final Logger log = LoggerFactory.getLogger(DiscoveryResponderHandler.class);

  /** The event loop's timer counts whole milliseconds. */
  private static final long TIMER_RESOLUTION_NANOS = 1_000_000;

  /** Where offers are signed: off the event loop, by when each should leave. */
  interface Signing {
    /**
     * Runs {@code task}, which signs an offer due at {@code sendAt} ({@code System.nanoTime()}).
     *
     * @throws RejectedExecutionException when no more offers can wait to be signed
     */
    void submit(long sendAt, Runnable task);
  }

  /** What the relay answers with, and how it decides: shared by its IPv4 and IPv6 channels. */
  record Answering(
      OfferFactory offers,
      Supplier<RelayStatus> status,
      Supplier<DiscoveryAnswerPolicy> policy,
      PromisedOffers promised,
      SourceRateLimiter rateLimiter,
      OncePerSourceLog dropLog,
      Signing signing) {}

  private final Answering answering;
  private final boolean ipv6Only;

  /**
   * @param ipv6Only drop IPv4 senders: Java's IPv6 sockets are dual-stack, so the IPv6 channel also
   *     receives every IPv4 broadcast, which the IPv4 channel already answers
   */
  DiscoveryResponderHandler(Answering answering, boolean ipv6Only) {
    this.answering = answering;
    this.ipv6Only = ipv6Only;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
    long readAt = ctx.executor().ticker().nanoTime();
    InetSocketAddress sender = packet.sender();
    if (ipv6Only && sender.getAddress() instanceof Inet4Address) {
      return;
    }
    int size = packet.content().readableBytes();
    DiscoveryMessage message;
    try {
      message = DiscoveryCodec.decode(packet.content());
    } catch (MalformedPacketException e) {
      answering
          .dropLog()
          .warn(
              sender.getAddress(), e.reason(), "dropped discovery packet (" + e.getMessage() + ")");
      return;
    }
    if (!(message instanceof DiscoveryRequest request)) {
      return; // Offers go to agents' own ports; one here is stray and needs no answer.
    }
    if (size < DiscoveryProtocol.REQUEST_BYTES) {
      answering
          .dropLog()
          .warn(sender.getAddress(), "small", "dropped a request of " + size + " bytes (unpadded)");
      return;
    }
    RelayStatus now = answering.status().get();
    byte[] nonce = request.nonce();
    AnswerRule.Answer answer =
        AnswerRule.decide(
            now,
            answering.policy().get(),
            answering.promised().count(readAt, now.accepted()),
            AnswerRule.draw(nonce, answering.offers().relayId()));
    if (!answer.answers()) {
      log.debug("not answering {}: {}", sender, answer.silence());
      return;
    }
    if (!answering.rateLimiter().tryAcquire(sender.getAddress())) {
      answering
          .dropLog()
          .warn(
              sender.getAddress(), "rate", "rate limit reached; not answering discovery requests");
      return;
    }
    answering.promised().promise(readAt, request.agentId());
    log.debug(
        "answering {} (agent {}) in {} ms",
        sender,
        request.agentId(),
        answer.delayNanos() / 1_000_000);
    long sendAt = readAt + atTimerResolution(answer.delayNanos());
    Channel channel = ctx.channel();
    try {
      answering.signing().submit(sendAt, () -> sign(channel, nonce, now, size, sender, sendAt));
    } catch (RejectedExecutionException e) {
      answering
          .dropLog()
          .warn(sender.getAddress(), "signing", "offers queued to be signed are at their limit");
    }
  }

  /**
   * A delay shorter than the event loop's timer resolution is no delay: Netty's NIO loop waits for
   * whole milliseconds, so a 0.1 ms wait (a lone agent's share of the spread) either spins or costs
   * a millisecond, while a relay's answers are spread over {@code loadDelay} (200 ms by default).
   */
  static long atTimerResolution(long delayNanos) {
    return delayNanos < TIMER_RESOLUTION_NANOS ? 0 : delayNanos;
  }

  /** On the signing executor: signs the offer and has the event loop send it at {@code sendAt}. */
  private void sign(
      Channel channel,
      byte[] nonce,
      RelayStatus status,
      int maxBytes,
      InetSocketAddress recipient,
      long sendAt) {
    RelayOffer offer = answering.offers().create(nonce, status, maxBytes);
    if (offer == null) {
      answering
          .dropLog()
          .warn(recipient.getAddress(), "fit", "an offer does not fit in the request");
      return;
    }
    long wait = sendAt - channel.eventLoop().ticker().nanoTime();
    try {
      if (wait <= 0) {
        channel.eventLoop().execute(() -> send(channel, offer, recipient));
      } else {
        channel
            .eventLoop()
            .schedule(() -> send(channel, offer, recipient), wait, TimeUnit.NANOSECONDS);
      }
    } catch (RejectedExecutionException e) {
      log.debug("not sending an offer to {}: the responder is stopping", recipient);
    }
  }

  /** On the event loop: the offer is encoded only now, so nothing is held that could leak. */
  private static void send(Channel channel, RelayOffer offer, InetSocketAddress recipient) {
    if (!channel.isActive()) {
      return;
    }
    log.debug("offering to {}", recipient);
    channel
        .writeAndFlush(new DatagramPacket(DiscoveryCodec.encode(offer, channel.alloc()), recipient))
        .addListener(
            f -> {
              if (!f.isSuccess()) {
                log.debug("cannot send an offer to {}: {}", recipient, f.cause().toString());
              }
            });
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // A send error on one datagram (an unreachable host, a tentative IPv6 address) is not fatal.
    log.debug("discovery responder: {}", cause.toString());
  }
}
