package io.relayagent.server.enroll;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts refused enrollments per source address, so that nobody can try tokens at speed: after
 * {@code maxFailures} failures within {@code window}, that address is refused until the window has
 * passed. The map is bounded (least recently seen addresses leave first), so a flood of sources
 * cannot grow it.
 */
final class FailureLimiter {
  static final int MAX_ADDRESSES = 4096;

  private final int maxFailures;
  private final Duration window;
  private final Clock clock;
  private final Map<InetAddress, Failures> failures =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<InetAddress, Failures> eldest) {
          return size() > MAX_ADDRESSES;
        }
      };

  private record Failures(Instant since, int count) {}

  FailureLimiter(int maxFailures, Duration window, Clock clock) {
    this.maxFailures = maxFailures;
    this.window = window;
    this.clock = clock;
  }

  /** How long {@code address} must still wait, or {@link Duration#ZERO} if it may try now. */
  synchronized Duration waitFor(InetAddress address) {
    Failures known = failures.get(address);
    if (known == null || known.count() < maxFailures) {
      return Duration.ZERO;
    }
    Duration left = Duration.between(clock.instant(), known.since().plus(window));
    if (left.isNegative() || left.isZero()) {
      failures.remove(address);
      return Duration.ZERO;
    }
    return left;
  }

  /** Counts one failure of {@code address}. */
  synchronized void failed(InetAddress address) {
    Instant now = clock.instant();
    failures.compute(
        address,
        (key, known) ->
            known == null || !now.isBefore(known.since().plus(window))
                ? new Failures(now, 1)
                : new Failures(known.since(), known.count() + 1));
  }
}
