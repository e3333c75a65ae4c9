package io.relayagent.mesh.discovery;

import com.github.benmanes.caffeine.cache.Ticker;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's side of discovery: one round sends a request to every target, hands each valid offer
 * to the caller the moment it arrives (so the agent can connect to the first responder at once),
 * keeps collecting for the collect window after the first, and then reports the round.
 *
 * <p>Each round uses a fresh nonce and fresh ephemeral sockets (no {@code SO_REUSEADDR}), so an
 * offer for an earlier round cannot be replayed into this one.
 *
 * <pre>{@code
 * DiscoveryRound round = client.discover(targets, window, timeout, first -> connect(first)).get();
 * }</pre>
 */
public final class DiscoveryClient {

  private static final Logger log = LoggerFactory.getLogger(DiscoveryClient.class);

  /** Offers made further than this from the agent's clock are stale (or the clocks are wrong). */
  public static final Duration MAX_CLOCK_SKEW = Duration.ofSeconds(60);

  private final EventLoopGroup group;
  private final String agentId;
  private final OfferAuthenticator authenticator;
  private final Clock clock;
  private final InetAddress localAddress;
  private final OncePerSourceLog dropLog;
  private final SecureRandom random = new SecureRandom();

  /**
   * @param localAddress the IPv4 address to send from, or {@code null} for any
   */
  public DiscoveryClient(
      EventLoopGroup group,
      String agentId,
      OfferAuthenticator authenticator,
      Clock clock,
      InetAddress localAddress) {
    if (!DiscoveryProtocol.isValidId(agentId)) {
      throw new IllegalArgumentException("invalid agent id: " + agentId);
    }
    this.group = group;
    this.agentId = agentId;
    this.authenticator = authenticator;
    this.clock = clock;
    this.localAddress = localAddress;
    this.dropLog = new OncePerSourceLog(log, Duration.ofHours(1), Ticker.systemTicker());
  }

  /**
   * Runs one round.
   *
   * @param targets where to send (see {@link DiscoveryTargets})
   * @param collectWindow how long to keep collecting after the first valid offer
   * @param timeout how long to wait for a first offer
   * @param onOffer called on the event loop with each valid offer as it arrives
   */
  public CompletableFuture<DiscoveryRound> discover(
      List<InetSocketAddress> targets,
      Duration collectWindow,
      Duration timeout,
      Consumer<KnownRelay> onOffer) {
    EventLoop loop = group.next();
    byte[] nonce = new byte[DiscoveryProtocol.NONCE_BYTES];
    random.nextBytes(nonce);
    Round round = new Round(loop);
    DiscoveryClientHandler handler =
        new DiscoveryClientHandler(
            nonce,
            System.nanoTime(),
            clock,
            MAX_CLOCK_SKEW,
            authenticator,
            dropLog,
            () -> round.finishAfter(collectWindow),
            onOffer);
    round.handler = handler;
    loop.execute(
        () -> {
          List<InetSocketAddress> v4 = new ArrayList<>();
          List<InetSocketAddress> v6 = new ArrayList<>();
          for (InetSocketAddress target : targets) {
            (target.getAddress() instanceof Inet6Address ? v6 : v4).add(target);
          }
          DiscoveryRequest request = new DiscoveryRequest(nonce, agentId);
          if (!v4.isEmpty()) {
            round.open(
                SocketProtocolFamily.INET, new InetSocketAddress(localAddress, 0), request, v4);
          }
          if (!v6.isEmpty()) {
            round.open(SocketProtocolFamily.INET6, new InetSocketAddress(0), request, v6);
          }
          loop.schedule(
              () -> {
                if (!handler.hasOffer()) {
                  round.finish();
                }
              },
              timeout.toNanos(),
              TimeUnit.NANOSECONDS);
        });
    return round.result;
  }

  /** One round's sockets and outcome; touched only on its event loop. */
  private final class Round {
    final CompletableFuture<DiscoveryRound> result = new CompletableFuture<>();
    final List<Channel> channels = new ArrayList<>();
    final EventLoop loop;
    DiscoveryClientHandler handler;

    Round(EventLoop loop) {
      this.loop = loop;
    }

    void open(
        SocketProtocolFamily family,
        InetSocketAddress bind,
        DiscoveryRequest request,
        List<InetSocketAddress> targets) {
      ChannelFuture bound =
          new Bootstrap()
              .group(loop)
              .channelFactory(() -> new NioDatagramChannel(family))
              .option(ChannelOption.SO_BROADCAST, true)
              .option(
                  ChannelOption.RECVBUF_ALLOCATOR,
                  new FixedRecvByteBufAllocator(DiscoveryProtocol.MAX_PACKET_BYTES + 1))
              .handler(handler)
              .bind(bind);
      channels.add(bound.channel());
      bound.addListener(
          f -> {
            if (f.isSuccess()) {
              send(bound.channel(), request, targets);
            } else {
              log.warn("cannot open a discovery socket on {}: {}", bind, f.cause().toString());
            }
          });
    }

    void finishAfter(Duration collectWindow) {
      loop.schedule(this::finish, collectWindow.toNanos(), TimeUnit.NANOSECONDS);
    }

    void finish() {
      if (result.isDone()) {
        return;
      }
      channels.forEach(Channel::close);
      result.complete(handler.round());
    }
  }

  private static void send(
      Channel channel, DiscoveryRequest request, List<InetSocketAddress> targets) {
    ByteBuf encoded = DiscoveryCodec.encode(request, channel.alloc());
    try {
      sendEach(channel, encoded, targets);
    } finally {
      encoded.release();
    }
  }

  private static void sendEach(Channel channel, ByteBuf encoded, List<InetSocketAddress> targets) {
    for (InetSocketAddress target : targets) {
      channel
          .writeAndFlush(new DatagramPacket(encoded.retainedDuplicate(), target))
          .addListener(
              f -> {
                if (!f.isSuccess()) {
                  // One unusable interface (down, a tentative IPv6 address) is not fatal.
                  log.debug("cannot send discovery to {}: {}", target, f.cause().toString());
                }
              });
    }
  }
}
