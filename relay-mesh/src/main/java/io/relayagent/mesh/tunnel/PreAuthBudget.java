package io.relayagent.mesh.tunnel;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds the connections that have not yet earned anything: accepted, but their TLS handshake or
 * first request head not complete. They are counted per source address and in total, apart from the
 * tunnel connection limit ({@link ConnectionLimiter}), so that a host opening connections that
 * never handshake cannot take the slots of enrolled agents: past its share it is closed at accept,
 * and the agents' connections still find room. The head timeout bounds how long each one is held.
 */
final class PreAuthBudget {

  /** Connections before their head from one address; a NAT of many agents rarely needs more. */
  static final int PER_SOURCE = 16;

  private final int total;
  private final int perSource;
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicLong acquired = new AtomicLong();
  private final ConcurrentHashMap<InetAddress, Integer> bySource = new ConcurrentHashMap<>();

  PreAuthBudget(int total, int perSource) {
    if (total < 1 || perSource < 1) {
      throw new IllegalArgumentException(
          "budgets must be at least 1: total " + total + ", per source " + perSource);
    }
    this.total = total;
    this.perSource = perSource;
  }

  /**
   * The budget for a relay of {@code maxConnections}: half of it in total, and at least four
   * sources' worth, so that one source never fills the total alone.
   */
  static PreAuthBudget forLimit(int maxConnections) {
    return new PreAuthBudget(Math.max(4 * PER_SOURCE, maxConnections / 2), PER_SOURCE);
  }

  /** Takes a place for a new connection from {@code source}; false when either budget is full. */
  boolean tryAcquire(InetAddress source) {
    if (open.incrementAndGet() > total) {
      open.decrementAndGet();
      return false;
    }
    boolean[] taken = {false};
    bySource.compute(
        source,
        (address, count) -> {
          int now = count == null ? 0 : count;
          if (now >= perSource) {
            return count;
          }
          taken[0] = true;
          return now + 1;
        });
    if (taken[0]) {
      acquired.incrementAndGet();
    } else {
      open.decrementAndGet();
    }
    return taken[0];
  }

  /** Gives back a place taken by {@link #tryAcquire}. */
  void release(InetAddress source) {
    bySource.computeIfPresent(source, (address, count) -> count <= 1 ? null : count - 1);
    open.decrementAndGet();
  }

  /** Connections before their head now. */
  int open() {
    return open.get();
  }

  /** Places ever taken: every connection accepted and not closed at once. */
  long acquired() {
    return acquired.get();
  }

  int total() {
    return total;
  }
}
