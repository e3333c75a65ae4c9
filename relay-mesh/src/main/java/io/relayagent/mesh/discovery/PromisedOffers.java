package io.relayagent.mesh.discovery;

import java.time.Duration;

/**
 * Offers a relay made recently that no connection has followed yet: a count that grows by one with
 * each offer, falls by one with each connection accepted, and otherwise decays exponentially, since
 * an agent that took another relay's offer never comes.
 *
 * <p>It measures how many agents are asking at once. In a storm every relay answers every agent
 * before any of them has connected, so open tunnels alone cannot tell relays apart; this count
 * sizes the spread that {@link AnswerRule} gives equally loaded relays' answers.
 *
 * <p>Time is read by the caller (nanoseconds of one ticker) and passed in. Thread-safe.
 */
final class PromisedOffers {

  /** How long an agent takes to connect once it has an offer, generously: a LAN and a busy host. */
  static final Duration TIME_CONSTANT = Duration.ofMillis(500);

  private final double timeConstantNanos;
  private double count;
  private long updatedNanos;
  private boolean started;
  private long acceptedSeen;

  PromisedOffers(Duration timeConstant) {
    this.timeConstantNanos = timeConstant.toNanos();
  }

  /**
   * The count at {@code now}, after the connections the relay has accepted since the last call.
   *
   * @param accepted connections accepted since the relay started (a counter that only grows)
   */
  synchronized double count(long now, long accepted) {
    decay(now);
    if (accepted > acceptedSeen) {
      count = Math.max(0, count - (accepted - acceptedSeen));
      acceptedSeen = accepted;
    }
    return count;
  }

  /** One more offer made at {@code now}. */
  synchronized void promise(long now) {
    decay(now);
    count += 1;
  }

  private void decay(long now) {
    if (!started) {
      started = true;
      updatedNanos = now;
      return;
    }
    long elapsed = now - updatedNanos;
    if (elapsed > 0) {
      count *= Math.exp(-elapsed / timeConstantNanos);
      updatedNanos = now;
    }
  }
}
