package io.relayagent.mesh.discovery;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads that sign a relay's offers, off the discovery event loop, so that the loop reads a
 * storm's requests as they arrive (each answer's delay counts from its request's arrival) while
 * offers are signed on every core.
 *
 * <p>Offers are signed earliest send time first, not in arrival order: in a storm that outruns the
 * signers, the answers that should leave soonest (this relay's least delayed ones, which make it
 * the first responder for its share of the agents) are not held up behind answers that may wait.
 *
 * <p>A thread of its own first rehearses the whole answer a few hundred times (the warm-up the
 * responder gives it), so that the JIT has compiled it before the first storm, and then keeps the
 * signer's pool of precomputed nonces full ({@link OfferSigner#precompute}), so that a storm's
 * signatures are cheap. It works only while the relay is quiet: during a storm a nonce computed now
 * costs as much as signing without one, and the answers come first.
 *
 * <p>The queue is bounded: a task that does not fit is refused, and its request goes unanswered.
 */
final class OfferSigningPool implements DiscoveryResponderHandler.Signing, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(OfferSigningPool.class);

  /**
   * Nonces kept ready: a storm of a thousand agents, the size the relay answers within a second.
   */
  static final int NONCES = 1024;

  /** Refill once the pool is below this. */
  private static final int LOW_WATER = NONCES * 3 / 4;

  /** How long a refill waits before looking again whether the relay is quiet. */
  private static final long YIELD_NANOS = 5_000_000;

  /** The relay is quiet when nothing was submitted for this long. */
  private static final long QUIET_NANOS = 100_000_000;

  /** Requests waiting to be signed: the responder's total burst. */
  private static final int QUEUE = 4096;

  /** A signing task and when its offer should leave. */
  private record Due(long sendAt, long order, Runnable task) implements Runnable, Comparable<Due> {
    @Override
    public void run() {
      task.run();
    }

    @Override
    public int compareTo(Due other) {
      long earlier = sendAt - other.sendAt; // nanoTime values: compared by difference
      return earlier != 0 ? Long.signum(earlier) : Long.compare(order, other.order);
    }
  }

  private final OfferSigner signer;
  private final PriorityBlockingQueue<Runnable> queue = new PriorityBlockingQueue<>();
  private final ThreadPoolExecutor signing;
  private final ExecutorService refill;
  private final AtomicBoolean refilling = new AtomicBoolean();
  private final AtomicLong order = new AtomicLong();
  private volatile long lastSubmitted = System.nanoTime() - QUIET_NANOS;

  /**
   * @param warmUp run once on the refill thread before the first refill: rehearses the answer
   */
  OfferSigningPool(OfferSigner signer, int threads, Runnable warmUp) {
    this.signer = signer;
    this.signing =
        new ThreadPoolExecutor(
            threads,
            threads,
            0,
            TimeUnit.SECONDS,
            queue,
            new DefaultThreadFactory("relay-offer-signer", true));
    // Every task then goes through the queue, in its order.
    signing.prestartAllCoreThreads();
    this.refill =
        Executors.newSingleThreadExecutor(new DefaultThreadFactory("relay-offer-nonces", true));
    refill.execute(
        () -> {
          try {
            warmUp.run();
          } catch (RuntimeException e) {
            log.warn("cannot rehearse the answer to discovery: {}", e.toString());
          }
        });
    topUp();
  }

  /** Signing threads for this host: one per core, at most two (cheap once nonces are ready). */
  static int defaultThreads() {
    return Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
  }

  /**
   * Signs by {@code sendAt} (a {@code System.nanoTime()} value), earliest first: on the caller's
   * thread when the offer is due now and the pool has nothing else to do, else on the pool.
   *
   * @throws RejectedExecutionException when the queue is full or the pool closed
   */
  @Override
  public void submit(long sendAt, Runnable task) {
    if (queue.size() >= QUEUE) {
      throw new RejectedExecutionException("offers waiting to be signed: " + queue.size());
    }
    long now = System.nanoTime();
    lastSubmitted = now;
    if (sendAt - now <= 0 && idle()) {
      // Due now and nothing else to sign: handing it to a signing thread and back would cost two
      // thread wake-ups, more than the signature itself with a precomputed nonce. A storm never
      // takes this path for long: the moment offers queue, they go to the pool in their order.
      task.run();
      topUp();
      return;
    }
    signing.execute(
        new Due(
            sendAt,
            order.incrementAndGet(),
            () -> {
              task.run();
              topUp();
            }));
  }

  /** Starts refilling if the pool is low and no refill is under way. */
  private void topUp() {
    if (signer.precomputed() >= LOW_WATER || !refilling.compareAndSet(false, true)) {
      return;
    }
    try {
      refill.execute(this::refill);
    } catch (RejectedExecutionException e) {
      refilling.set(false); // closed
    }
  }

  /** Fills the pool one nonce at a time while the relay is quiet, stopping at once when closed. */
  private void refill() {
    try {
      while (signer.precomputed() < NONCES && !Thread.currentThread().isInterrupted()) {
        if (!quiet()) {
          LockSupport.parkNanos(YIELD_NANOS);
          continue;
        }
        signer.precompute(1);
      }
      log.trace("{} precomputed offer nonces ready", signer.precomputed());
    } catch (RuntimeException e) {
      log.warn("cannot precompute offer signatures: {}", e.toString());
      return; // leaves refilling set: offers are still signed, each at its full cost
    }
    refilling.set(false);
  }

  private boolean quiet() {
    return System.nanoTime() - lastSubmitted > QUIET_NANOS && idle();
  }

  /**
   * Nothing queued and no signing thread busy. A signing thread counts as busy until it has started
   * (the pool's threads are started with it, and on a loaded machine that takes a moment).
   */
  boolean idle() {
    return queue.isEmpty() && signing.getActiveCount() == 0;
  }

  @Override
  public void close() {
    signing.shutdownNow();
    refill.shutdownNow();
  }
}
