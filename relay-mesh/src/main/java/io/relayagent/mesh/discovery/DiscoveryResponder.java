package io.relayagent.mesh.discovery;

import com.github.benmanes.caffeine.cache.Ticker;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.relayagent.config.DiscoveryAnswerPolicy;
import io.relayagent.sitelist.HostPort;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A relay's discovery listener: IPv4 broadcast on the discovery port, and the IPv6 link-local group
 * on each multicast-capable interface. Binds with {@code SO_REUSEADDR} so that several relays on
 * one host (tests, the demo) all receive a loopback broadcast.
 *
 * <pre>{@code
 * DiscoveryResponder responder =
 *     DiscoveryResponder.start(group, settings, signer, status, answers, sites, clock);
 * ...
 * responder.close();
 * }</pre>
 */
public final class DiscoveryResponder implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DiscoveryResponder.class);

  /**
   * @param bindAddress where to listen: the IPv4 wildcard in production, a loopback address in
   *     tests and the demo
   * @param port the discovery port
   * @param ipv6Group the IPv6 link-local group to join, or {@code null} for none
   * @param relayId this relay's id
   * @param tunnelPort its tunnel listener's port
   */
  public record Settings(
      InetAddress bindAddress, int port, Inet6Address ipv6Group, String relayId, int tunnelPort) {}

  /** Room for a few thousand queued requests. */
  static final int RECEIVE_BUFFER_BYTES = 4 << 20;

  private final List<Channel> channels;
  private final OfferSigningPool signing;

  private DiscoveryResponder(List<Channel> channels, OfferSigningPool signing) {
    this.channels = channels;
    this.signing = signing;
  }

  /**
   * Starts listening; fails if the IPv4 port cannot be bound (never a silent share).
   *
   * @param status read at each request: whether and how soon to answer ({@link AnswerRule}), and
   *     what the offer says
   * @param answers the answer policy, read at each request, so that a change applies at once
   */
  public static DiscoveryResponder start(
      EventLoopGroup group,
      Settings settings,
      OfferSigner signer,
      Supplier<RelayStatus> status,
      Supplier<DiscoveryAnswerPolicy> answers,
      Supplier<List<HostPort>> sites,
      Clock clock)
      throws InterruptedException {
    Ticker ticker = Ticker.systemTicker();
    OfferFactory offers =
        new OfferFactory(settings.relayId(), settings.tunnelPort(), signer, sites, clock);
    OfferSigningPool signing =
        new OfferSigningPool(
            signer,
            OfferSigningPool.defaultThreads(),
            new AnswerRehearsal(offers, status, answers));
    DiscoveryResponderHandler.Answering answering =
        new DiscoveryResponderHandler.Answering(
            offers,
            status,
            answers,
            new PromisedOffers(PromisedOffers.TIME_CONSTANT),
            // Per source: a few answers at once, one a second after; in all: enough for a storm of
            // a thousand agents a second, bounded so a spoofed flood cannot make the relay sign
            // without end.
            new SourceRateLimiter(1, 8, 2000, 4000, ticker),
            new OncePerSourceLog(log, Duration.ofHours(1), ticker),
            signing);
    List<Channel> channels = new ArrayList<>();
    boolean bound = false;
    try {
      channels.add(
          bind(
              group,
              SocketProtocolFamily.INET,
              new DiscoveryResponderHandler(answering, false),
              new InetSocketAddress(settings.bindAddress(), settings.port())));
      bound = true;
    } finally {
      if (!bound) {
        signing.close(); // a port in use comes as a checked exception Netty does not declare
      }
    }
    if (settings.ipv6Group() != null && settings.bindAddress().isAnyLocalAddress()) {
      try {
        Channel v6 =
            bind(
                group,
                SocketProtocolFamily.INET6,
                new DiscoveryResponderHandler(answering, true),
                new InetSocketAddress(settings.port()));
        joinEverywhere((NioDatagramChannel) v6, settings.ipv6Group(), settings.port());
        channels.add(v6);
      } catch (Exception e) {
        // IPv4 discovery still works; IPv6 may be disabled on this host.
        log.warn("IPv6 discovery is off: {}", e.toString());
      }
    }
    log.info(
        "discovery responder for relay {} listening on port {}",
        settings.relayId(),
        settings.port());
    return new DiscoveryResponder(Collections.unmodifiableList(channels), signing);
  }

  /** The bound IPv4 address (its port is the actual one when 0 was asked for). */
  public InetSocketAddress localAddress() {
    return (InetSocketAddress) channels.get(0).localAddress();
  }

  @Override
  public void close() {
    for (Channel channel : channels) {
      channel.close().syncUninterruptibly();
    }
    signing.close();
  }

  private static Channel bind(
      EventLoopGroup group,
      SocketProtocolFamily family,
      DiscoveryResponderHandler handler,
      InetSocketAddress address)
      throws InterruptedException {
    return new Bootstrap()
        .group(group)
        .channelFactory(() -> new NioDatagramChannel(family))
        .option(ChannelOption.SO_REUSEADDR, true)
        .option(ChannelOption.SO_BROADCAST, true)
        // A storm of agents (a site coming back after an outage) sends requests faster than
        // offers are signed; the default buffer (about 200 KiB, 90 requests) would drop most of
        // them. The kernel caps this at net.core.rmem_max.
        .option(ChannelOption.SO_RCVBUF, RECEIVE_BUFFER_BYTES)
        .option(
            ChannelOption.RECVBUF_ALLOCATOR,
            new FixedRecvByteBufAllocator(DiscoveryProtocol.MAX_PACKET_BYTES + 1))
        .handler(handler)
        .bind(address)
        .sync()
        .channel();
  }

  private static void joinEverywhere(NioDatagramChannel channel, Inet6Address group, int port)
      throws Exception {
    for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (nif.isUp() && nif.supportsMulticast() && !nif.isLoopback()) {
        try {
          channel.joinGroup(new InetSocketAddress(group, port), nif).sync();
        } catch (Exception e) {
          log.debug("cannot join {} on {}: {}", group, nif.getName(), e.toString());
        }
      }
    }
  }
}
