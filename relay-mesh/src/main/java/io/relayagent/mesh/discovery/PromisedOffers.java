package io.relayagent.mesh.discovery;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Agents a relay made an offer to recently and has not seen connect yet: a count that grows by one
 * with each agent answered, falls by one with each connection accepted, and otherwise decays
 * exponentially, since an agent that took another relay's offer never comes.
 *
 * <p>It measures how many agents are asking at once. In a storm every relay answers every agent
 * before any of them has connected, so open tunnels alone cannot tell relays apart; this count
 * sizes the spread that {@link AnswerRule} gives equally loaded relays' answers. An agent that asks
 * again within {@link #SAME_AGENT} counts once (by the id its request names): one agent discovering
 * in a loop is not a storm, and costs the answers nothing.
 *
 * <p>Time is read by the caller (nanoseconds of one ticker) and passed in. Thread-safe.
 */
final class PromisedOffers {

  /** How long an agent takes to connect once it has an offer, generously: a LAN and a busy host. */
  static final Duration TIME_CONSTANT = Duration.ofMillis(500);

  /** Requests of one agent id closer together than this are one agent asking again. */
  static final Duration SAME_AGENT = Duration.ofSeconds(3);

  /** Agent ids remembered; beyond this the oldest are forgotten (and may count twice). */
  private static final int REMEMBERED_AGENTS = 4096;

  private final double timeConstantNanos;
  private final long sameAgentNanos = SAME_AGENT.toNanos();
  private final Map<String, Long> lastAnswered =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
          return size() > REMEMBERED_AGENTS;
        }
      };
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

  /** An offer made at {@code now} to {@code agentId}. */
  synchronized void promise(long now, String agentId) {
    decay(now);
    Long before = lastAnswered.put(agentId, now);
    if (before == null || now - before >= sameAgentNanos) {
      count += 1;
    }
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
