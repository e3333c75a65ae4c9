package io.relayagent.agent;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongUnaryOperator;

/**
 * When the next ASCI runs: one ASCI interval after an ASCI that succeeded, and sooner after one
 * that failed, so that the events it could not deliver and the policy it could not fetch wait
 * minutes, not the whole interval (an hour by default), once the server or another of its instances
 * is reachable again.
 *
 * <p>A failed ASCI is tried again after {@link #FIRST_RETRY}, then twice as long after each further
 * failure, never later than the interval. Each pause is jittered (half to all of it), so that the
 * agents that lost their server together do not all call back in the same second when it returns.
 * The agent's one ASCI thread records each outcome; a policy change may ask for the pause from
 * another thread.
 */
final class AsciSchedule {
  static final Duration FIRST_RETRY = Duration.ofMinutes(1);

  /** Past this many failures the pause stops doubling (it is at the interval long before). */
  private static final int MAX_DOUBLINGS = 20;

  private final LongUnaryOperator jitter;
  private volatile int failures;

  /** Jittered with {@link ThreadLocalRandom}: half to all of each pause after a failure. */
  AsciSchedule() {
    this(millis -> millis / 2 + ThreadLocalRandom.current().nextLong(millis / 2 + 1));
  }

  /** With {@code jitter} mapping a pause in milliseconds to the one to wait (for tests). */
  AsciSchedule(LongUnaryOperator jitter) {
    this.jitter = jitter;
  }

  /** The pause before the next ASCI, after one that {@code succeeded} or not. */
  Duration after(boolean succeeded, Duration interval) {
    failures = succeeded ? 0 : Math.min(failures + 1, MAX_DOUBLINGS);
    return pause(interval);
  }

  /** The pause before the next ASCI from now, with no new outcome (the interval changed). */
  Duration pause(Duration interval) {
    if (failures == 0) {
      return interval;
    }
    Duration backoff = FIRST_RETRY.multipliedBy(1L << (failures - 1));
    if (backoff.compareTo(interval) >= 0) {
      return interval;
    }
    return Duration.ofMillis(jitter.applyAsLong(backoff.toMillis()));
  }
}
