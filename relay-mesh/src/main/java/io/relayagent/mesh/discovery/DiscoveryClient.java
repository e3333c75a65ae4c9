package io.relayagent.mesh.discovery;

import com.github.benmanes.caffeine.cache.Ticker;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's side of discovery: one round sends a request to every target, hands each valid offer
 * to the caller as soon as it is checked, in the order the offers arrived (so the agent can connect
 * to the first responder at once), keeps collecting for the collect window after the first, and
 * then reports the round.
 *
 * <p>Each round uses a fresh nonce and one fresh ephemeral socket (no {@code SO_REUSEADDR}), so an
 * offer for an earlier round cannot be replayed into this one. The socket is dual-stack: IPv4 and
 * IPv6 offers queue in one receive buffer, in the order they arrived, and are read in that order.
 *
 * <p>A client {@linkplain #keepingASocketReady() kept ready} opens each round's socket ahead of
 * need, when the round before it ends (or at once for the first): creating, registering and binding
 * a socket took most of the time until a round's request left (0.8 ms at the median, 4.5 ms at the
 * 99th percentile, bench/README.md), and an agent whose direct path just failed should not wait for
 * it. The socket is still fresh for its round: nothing read on it before the round claims it is
 * kept, and it is closed with its round.
 *
 * <pre>{@code
 * DiscoveryRound round = client.discover(targets, window, timeout, first -> connect(first)).get();
 * }</pre>
 */
public final class DiscoveryClient implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DiscoveryClient.class);

  /** Offers made further than this from the agent's clock are stale (or the clocks are wrong). */
  public static final Duration MAX_CLOCK_SKEW = Duration.ofSeconds(60);

  /** How long a finished round waits for the checks of offers that arrived before it ended. */
  static final Duration CHECK_GRACE = Duration.ofSeconds(2);

  private static final InetAddress ANY_IPV6 = any("::");
  private static final InetAddress ANY_IPV4 = any("0.0.0.0");

  private final EventLoopGroup group;
  private final String agentId;
  private final OfferVerifier verifier;
  private final Clock clock;
  private final InetAddress localAddress;
  private final OncePerSourceLog dropLog;
  private final SecureRandom random = new SecureRandom();
  private final AtomicReference<Channel> readySocket = new AtomicReference<>();
  private volatile boolean keepReady;
  private volatile boolean closed;

  /**
   * @param verifier checks offers off the event loop; shared by every round of this client
   * @param localAddress the address to send from, or {@code null} for any; an IPv4 address limits
   *     the rounds to IPv4 targets
   */
  public DiscoveryClient(
      EventLoopGroup group,
      String agentId,
      OfferVerifier verifier,
      Clock clock,
      InetAddress localAddress) {
    if (!DiscoveryProtocol.isValidId(agentId)) {
      throw new IllegalArgumentException("invalid agent id: " + agentId);
    }
    this.group = group;
    this.agentId = agentId;
    this.verifier = verifier;
    this.clock = clock;
    this.localAddress = localAddress;
    this.dropLog = new OncePerSourceLog(log, Duration.ofHours(1), Ticker.systemTicker());
  }

  /**
   * Keeps the next round's socket open ahead of need (see the class comment); for a client that
   * runs rounds again and again, such as an agent's. Costs one idle UDP socket.
   *
   * @return this client
   */
  public DiscoveryClient keepingASocketReady() {
    keepReady = true;
    EventLoop loop = group.next();
    loop.execute(() -> openReadySocket(loop));
    return this;
  }

  /** Closes the socket kept ready, if any; rounds under way end as they would. */
  @Override
  public void close() {
    closed = true;
    Channel ready = readySocket.getAndSet(null);
    if (ready != null) {
      ready.close();
    }
  }

  /**
   * Runs one round.
   *
   * @param targets where to send (see {@link DiscoveryTargets})
   * @param collectWindow how long to keep collecting after the first valid offer
   * @param timeout how long to wait for a first offer
   * @param onOffer called on the event loop with each valid offer, in arrival order
   */
  public CompletableFuture<DiscoveryRound> discover(
      List<InetSocketAddress> targets,
      Duration collectWindow,
      Duration timeout,
      Consumer<KnownRelay> onOffer) {
    return discover(
        targets, CompletableFuture.completedFuture(List.of()), collectWindow, timeout, onOffer);
  }

  /**
   * Runs one round that sends to {@code targets} at once and, when {@code moreTargets} completes (a
   * fresh look at the interfaces, which takes a while), to those of them it has not sent to yet, if
   * the round is still open and its socket can reach them.
   */
  public CompletableFuture<DiscoveryRound> discover(
      List<InetSocketAddress> targets,
      CompletionStage<List<InetSocketAddress>> moreTargets,
      Duration collectWindow,
      Duration timeout,
      Consumer<KnownRelay> onOffer) {
    long started = System.nanoTime();
    Channel ready = readySocket.getAndSet(null);
    if (ready != null && !ready.isActive()) {
      ready = null;
    }
    EventLoop loop = ready != null ? ready.eventLoop() : group.next();
    byte[] nonce = new byte[DiscoveryProtocol.NONCE_BYTES];
    random.nextBytes(nonce);
    Round round = new Round(loop, new DiscoveryRequest(nonce, agentId), ready);
    round.handler =
        new DiscoveryClientHandler(
            nonce,
            started,
            clock,
            MAX_CLOCK_SKEW,
            verifier,
            dropLog,
            () -> round.finishAfter(collectWindow),
            onOffer);
    loop.execute(
        () -> {
          round.add(targets);
          loop.schedule(
              () -> {
                if (!round.handler.hasOffer()) {
                  round.finish();
                }
              },
              timeout.toNanos(),
              TimeUnit.NANOSECONDS);
        });
    moreTargets.thenAccept(more -> round.onLoop(() -> round.add(more)));
    return round.result;
  }

  /** One round's socket and outcome; touched only on its event loop. */
  private final class Round {
    final CompletableFuture<DiscoveryRound> result = new CompletableFuture<>();
    final EventLoop loop;
    final DiscoveryRequest request;
    final Set<InetSocketAddress> sentTo = new LinkedHashSet<>();
    final Set<InetSocketAddress> toSend = new LinkedHashSet<>();
    DiscoveryClientHandler handler;
    Channel channel;
    Channel ready;
    boolean ipv6;
    boolean opening;
    boolean finishing;

    Round(EventLoop loop, DiscoveryRequest request, Channel ready) {
      this.loop = loop;
      this.request = request;
      this.ready = ready;
    }

    /** Sends the request to the targets not sent to yet, opening the socket first if need be. */
    void add(List<InetSocketAddress> targets) {
      if (finishing) {
        return;
      }
      for (InetSocketAddress target : targets) {
        if (!sentTo.contains(target)) {
          toSend.add(target);
        }
      }
      if (channel == null && ready != null && !toSend.isEmpty()) {
        claim(ready);
      }
      if (channel != null) {
        sendWaiting();
      } else if (!opening && !toSend.isEmpty()) {
        opening = true;
        open(localAddress != null ? localAddress : ANY_IPV6, localAddress == null);
      }
    }

    /** Makes the socket opened ahead of this round its own: from now on it reads its offers. */
    private void claim(Channel socket) {
      ready = null;
      socket.pipeline().replace(ReadySocket.class, null, handler);
      ipv6 =
          socket.localAddress() instanceof InetSocketAddress local
              && local.getAddress() instanceof Inet6Address;
      channel = socket;
    }

    /** Opens the round's one socket now (no socket was kept ready for it). */
    private void open(InetAddress bind, boolean fallBack) {
      ipv6 = bind instanceof Inet6Address;
      bindSocket(loop, bind, fallBack, handler, this::opened);
    }

    private void opened(ChannelFuture bound) {
      if (bound.isSuccess()) {
        channel = bound.channel();
        ipv6 = ((InetSocketAddress) channel.localAddress()).getAddress() instanceof Inet6Address;
        if (finishing) {
          channel.close();
        } else {
          sendWaiting();
        }
      }
    }

    private void sendWaiting() {
      List<InetSocketAddress> targets = new ArrayList<>();
      for (InetSocketAddress target : toSend) {
        if (ipv6 || target.getAddress() instanceof Inet4Address) {
          targets.add(target);
        } else {
          log.debug("not sending discovery to {} from an IPv4 socket", target);
        }
      }
      toSend.clear();
      if (targets.isEmpty()) {
        return;
      }
      sentTo.addAll(targets);
      ByteBuf encoded = DiscoveryCodec.encode(request, channel.alloc());
      try {
        handler.requestSent(System.nanoTime());
        for (InetSocketAddress target : targets) {
          channel
              .write(new DatagramPacket(encoded.retainedDuplicate(), target))
              .addListener(
                  f -> {
                    if (!f.isSuccess()) {
                      // One unusable interface (down, a tentative IPv6 address) is not fatal.
                      log.debug("cannot send discovery to {}: {}", target, f.cause().toString());
                    }
                  });
        }
        channel.flush();
      } finally {
        encoded.release();
      }
    }

    void onLoop(Runnable task) {
      if (loop.inEventLoop()) {
        task.run();
      } else {
        loop.execute(task);
      }
    }

    void finishAfter(Duration collectWindow) {
      loop.schedule(this::finish, collectWindow.toNanos(), TimeUnit.NANOSECONDS);
    }

    void finish() {
      if (finishing) {
        return;
      }
      finishing = true;
      if (channel != null) {
        channel.close();
      }
      if (ready != null) {
        ready.close(); // kept ready for a round that sent nothing: not handed to another
      }
      if (keepReady && !closed) {
        openReadySocket(loop);
      }
      List<InetSocketAddress> targets = List.copyOf(sentTo);
      handler
          .finish(loop, CHECK_GRACE)
          .thenAccept(round -> result.complete(round.withTargets(targets)));
    }
  }

  /** Opens the socket the next round will use, unless one is kept ready already. */
  private void openReadySocket(EventLoop loop) {
    if (closed || readySocket.get() != null) {
      return;
    }
    bindSocket(
        loop,
        localAddress != null ? localAddress : ANY_IPV6,
        localAddress == null,
        new ReadySocket(),
        bound -> {
          if (!bound.isSuccess()) {
            return; // logged; rounds then open their own sockets
          }
          if (closed || !readySocket.compareAndSet(null, bound.channel())) {
            bound.channel().close(); // closed meanwhile, or another became ready first
          } else if (closed) {
            close(); // closed while it was being kept: close() may have missed it
          }
        });
  }

  /**
   * Binds a discovery socket on {@code bind} with {@code handler}, on {@code loop}: dual-stack when
   * IPv6, so that offers of both families queue in arrival order; one that cannot be opened (IPv6
   * off on this host) falls back to IPv4 if {@code fallBack}. {@code then} sees the outcome on the
   * loop, and only a success or the last failure (which is logged).
   */
  private void bindSocket(
      EventLoop loop,
      InetAddress bind,
      boolean fallBack,
      ChannelHandler handler,
      Consumer<ChannelFuture> then) {
    SocketProtocolFamily family =
        bind instanceof Inet6Address ? SocketProtocolFamily.INET6 : SocketProtocolFamily.INET;
    ChannelFuture bound =
        new Bootstrap()
            .group(loop)
            .channelFactory(() -> new NioDatagramChannel(family))
            .option(ChannelOption.SO_BROADCAST, true)
            .option(
                ChannelOption.RECVBUF_ALLOCATOR,
                new FixedRecvByteBufAllocator(DiscoveryProtocol.MAX_PACKET_BYTES + 1))
            .handler(handler)
            .bind(new InetSocketAddress(bind, 0));
    // A channel that could not even be created reports on another thread: come back to the loop.
    bound.addListener(
        f ->
            loop.execute(
                () -> {
                  if (bound.isSuccess() || !fallBack) {
                    if (!bound.isSuccess()) {
                      log.warn(
                          "cannot open a discovery socket on {}: {}",
                          bind,
                          bound.cause().toString());
                    }
                    then.accept(bound);
                  } else {
                    log.debug("no IPv6 discovery socket ({}); IPv4 only", bound.cause().toString());
                    bindSocket(loop, ANY_IPV4, false, handler, then);
                  }
                }));
  }

  /**
   * The handler of a socket kept ready: drops whatever arrives before a round claims the socket
   * (nobody can know that round's nonce yet), and is replaced by the round's handler.
   */
  private static final class ReadySocket extends SimpleChannelInboundHandler<DatagramPacket> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
      // Released by SimpleChannelInboundHandler: read before any round, it answers none.
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      log.debug("discovery socket kept ready: {}", cause.toString());
    }
  }

  private static InetAddress any(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }
}
