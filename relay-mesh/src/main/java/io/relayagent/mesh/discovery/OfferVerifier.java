package io.relayagent.mesh.discovery;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Checks discovery offers off the event loop: decoding, the round's nonce and freshness, and the
 * signature and certificate chain, on a small pool of its own, so that a slow check (the first one
 * on a fresh JVM took a third of a second) never holds up reading, and stamping, the offers behind
 * it. The queue is bounded: a flood is refused, and the caller drops and counts what is refused.
 *
 * <p>Call {@link #warmUp()} at start, so that the first offer is checked as fast as the rest.
 *
 * <pre>{@code
 * OfferVerifier verifier = new OfferVerifier(authenticator);
 * verifier.warmUp();
 * DiscoveryClient client = new DiscoveryClient(group, "agent-7", verifier, clock, null);
 * }</pre>
 */
public final class OfferVerifier implements AutoCloseable {

  /** Checks waiting at once over every round: a flood beyond it is refused. */
  static final int MAX_QUEUED = 1024;

  /** The result of checking one datagram: a relay, or why it was refused. */
  record Verdict(KnownRelay relay, Exception refusal) {}

  private static final AtomicInteger POOLS = new AtomicInteger();

  private final OfferAuthenticator authenticator;
  private final Executor checks;
  private final ExecutorService ownPool;

  /** One thread: an agent checks a handful of offers per round. */
  public OfferVerifier(OfferAuthenticator authenticator) {
    this(authenticator, 1);
  }

  /**
   * @param threads how many offers are checked at once (a benchmark that simulates many agents in
   *     one process needs more than one)
   */
  public OfferVerifier(OfferAuthenticator authenticator, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, was " + threads);
    }
    String name = "discovery-verify-" + POOLS.incrementAndGet();
    AtomicInteger count = new AtomicInteger();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            0,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(MAX_QUEUED),
            runnable -> {
              Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            },
            new ThreadPoolExecutor.AbortPolicy());
    this.authenticator = authenticator;
    this.checks = pool;
    this.ownPool = pool;
  }

  /** Runs the checks on {@code checks}, which throws {@link RejectedExecutionException} if full. */
  OfferVerifier(OfferAuthenticator authenticator, Executor checks) {
    this.authenticator = authenticator;
    this.checks = checks;
    this.ownPool = null;
  }

  /**
   * Runs every check once, on the verifier's own thread, on an offer of its own making and on the
   * organisation's root certificate (see {@link OfferAuthenticator#warmUp()}); completes when done.
   */
  public CompletableFuture<Void> warmUp() {
    return CompletableFuture.runAsync(this::runWarmUp, checks);
  }

  /**
   * Checks {@code arrival} with {@code check} on a verifier thread and hands the verdict to {@code
   * then} on {@code loop}.
   *
   * @return false, having done nothing, when the queue is full or the verifier is closed
   */
  boolean verify(OfferCheck check, Arrival arrival, Executor loop, Consumer<Verdict> then) {
    try {
      checks.execute(() -> handOver(verdict(check, arrival), loop, then));
      return true;
    } catch (RejectedExecutionException full) {
      return false;
    }
  }

  OfferAuthenticator authenticator() {
    return authenticator;
  }

  @Override
  public void close() {
    if (ownPool != null) {
      ownPool.shutdownNow();
    }
  }

  /** Checks {@code arrival} on the calling thread: the verdict the verifier's threads reach. */
  static Verdict verdict(OfferCheck check, Arrival arrival) {
    return verdict(() -> check.check(arrival));
  }

  /** Checks {@code offer}, already decoded from {@code arrival}, on the calling thread. */
  static Verdict verdict(OfferCheck check, Arrival arrival, RelayOffer offer) {
    return verdict(() -> check.check(arrival, offer));
  }

  /** A check that may refuse: {@link OfferCheck}'s, bound to its datagram. */
  private interface Checking {
    KnownRelay run() throws MalformedPacketException, RejectedOfferException;
  }

  private static Verdict verdict(Checking checking) {
    try {
      return new Verdict(checking.run(), null);
    } catch (MalformedPacketException | RejectedOfferException e) {
      return new Verdict(null, e);
    } catch (RuntimeException e) {
      // A check that broke (a provider error) refuses the offer rather than losing its place.
      return new Verdict(null, new RejectedOfferException("cannot check the offer: " + e, e));
    }
  }

  private static void handOver(Verdict verdict, Executor loop, Consumer<Verdict> then) {
    try {
      loop.execute(() -> then.accept(verdict));
    } catch (RejectedExecutionException shuttingDown) {
      // The agent is stopping: nobody waits for this round any more.
    }
  }

  private void runWarmUp() {
    byte[] nonce = new byte[DiscoveryProtocol.NONCE_BYTES];
    RelayOffer unsigned =
        new RelayOffer(
            nonce,
            "warm-up",
            1,
            0,
            1,
            DiscoveryProtocol.CAPABILITY_TUNNEL,
            Instant.now(),
            List.of(),
            new byte[0],
            new byte[0]);
    ByteBuf encoded = DiscoveryCodec.encode(unsigned, UnpooledByteBufAllocator.DEFAULT);
    byte[] datagram;
    try {
      datagram = ByteBufUtil.getBytes(encoded);
    } finally {
      encoded.release();
    }
    OfferCheck check = new OfferCheck(nonce, Duration.ofMinutes(1), authenticator);
    verdict(
        check,
        new Arrival(
            0, Duration.ZERO, Instant.now(), new InetSocketAddress("127.0.0.1", 0), datagram));
    authenticator.warmUp();
  }
}
