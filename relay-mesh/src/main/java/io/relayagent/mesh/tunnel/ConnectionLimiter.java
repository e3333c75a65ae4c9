package io.relayagent.mesh.tunnel;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts client connections of both listeners against the policy's limit.
 *
 * <p>A connection over the limit is not dropped in silence: it is told {@code 503} once its request
 * head has arrived, so the agent moves to the next relay at once instead of waiting for a timeout.
 * Those refusals are counted too, and bounded, so that a flood cannot make the relay hold an
 * unbounded number of connections just to refuse them; past that bound a connection is closed at
 * accept.
 */
final class ConnectionLimiter {

  /** What a new connection may do. */
  enum Admission {
    /** Served; holds a slot until it closes. */
    ADMITTED,
    /** Over the limit: answered 503 after its head. */
    REFUSED_WITH_503,
    /** Over the limit and over the refusal bound: closed at once. */
    DROPPED
  }

  private final int capacity;
  private final int refusalCapacity;
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger refusing = new AtomicInteger();

  ConnectionLimiter(int capacity) {
    this.capacity = capacity;
    this.refusalCapacity = Math.max(16, capacity / 8);
  }

  /** Decides for a new connection; call {@link #release} with the answer when it closes. */
  Admission admit() {
    if (tryIncrement(open, capacity)) {
      return Admission.ADMITTED;
    }
    return tryIncrement(refusing, refusalCapacity) ? Admission.REFUSED_WITH_503 : Admission.DROPPED;
  }

  void release(Admission admission) {
    switch (admission) {
      case ADMITTED -> open.decrementAndGet();
      case REFUSED_WITH_503 -> refusing.decrementAndGet();
      case DROPPED -> {}
    }
  }

  /** Connections being served now. */
  int load() {
    return open.get();
  }

  int capacity() {
    return capacity;
  }

  private static boolean tryIncrement(AtomicInteger counter, int max) {
    while (true) {
      int now = counter.get();
      if (now >= max) {
        return false;
      }
      if (counter.compareAndSet(now, now + 1)) {
        return true;
      }
    }
  }
}
