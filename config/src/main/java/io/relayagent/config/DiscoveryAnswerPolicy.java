package io.relayagent.config;

import java.time.Duration;

/**
 * How a relay answers discovery under load ({@code <relayServer><discoveryAnswers>}): it delays an
 * answer in proportion to its load, so that a less loaded relay answers first and agents, which
 * take the first valid answer, spread over the relays; and it stays silent while it is busy.
 *
 * @param loadDelay the delay of an answer at full load; zero answers at once (the first-responder
 *     rule alone)
 * @param busyCpuPercent the relay is busy while its host's CPU use (averaged over half a minute) is
 *     above this; 100 never makes it busy
 * @param busyOnBattery the relay is busy while its host runs on battery
 * @param answerWhenBusy a busy relay answers anyway, after every relay that is not busy, instead of
 *     staying silent
 */
public record DiscoveryAnswerPolicy(
    Duration loadDelay, int busyCpuPercent, boolean busyOnBattery, boolean answerWhenBusy) {

  public static final Duration DEFAULT_LOAD_DELAY = Duration.ofMillis(200);
  public static final Duration MAX_LOAD_DELAY = Duration.ofMillis(2000);
  public static final int DEFAULT_BUSY_CPU_PERCENT = 80;

  public DiscoveryAnswerPolicy {
    if (loadDelay == null
        || loadDelay.isNegative()
        || loadDelay.compareTo(MAX_LOAD_DELAY) > 0
        || loadDelay.toNanos() % 1_000_000 != 0) {
      throw new IllegalArgumentException(
          "loadDelay must be whole milliseconds from 0 to " + MAX_LOAD_DELAY + ": " + loadDelay);
    }
    if (busyCpuPercent < 1 || busyCpuPercent > 100) {
      throw new IllegalArgumentException("busyCpuPercent out of range 1-100: " + busyCpuPercent);
    }
  }

  public static DiscoveryAnswerPolicy defaults() {
    return new DiscoveryAnswerPolicy(DEFAULT_LOAD_DELAY, DEFAULT_BUSY_CPU_PERCENT, true, false);
  }
}
