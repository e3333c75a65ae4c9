package io.relayagent.agent.events;

import io.relayagent.protocol.agent.EventPriority;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.StringJoiner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports full-queue drops once per burst, with counts, rather than once per event: a queue that
 * stays full while the server is unreachable would otherwise fill the log. A burst ends when an
 * event is queued without a drop, when events are acknowledged, or after a minute.
 */
final class DropLog {

  private static final Logger log = LoggerFactory.getLogger(DropLog.class);
  private static final Duration LONGEST_BURST = Duration.ofMinutes(1);

  private final Clock clock;
  private final Map<EventPriority, Long> counts = new EnumMap<>(EventPriority.class);
  private Instant burstStart;

  DropLog(Clock clock) {
    this.clock = clock;
  }

  void dropped(EventPriority priority, long count) {
    if (burstStart == null) {
      burstStart = clock.instant();
    }
    counts.merge(priority, count, Long::sum);
    if (!clock.instant().isBefore(burstStart.plus(LONGEST_BURST))) {
      report();
    }
  }

  /** The burst, if any, is over: says how many events it cost. */
  void report() {
    if (counts.isEmpty()) {
      return;
    }
    StringJoiner what = new StringJoiner(" and ");
    // Lowest priority first: the order they were dropped in.
    for (int p = EventPriority.values().length - 1; p >= 0; p--) {
      EventPriority priority = EventPriority.values()[p];
      Long count = counts.get(priority);
      if (count != null) {
        what.add(count + " " + priority.wireName() + "-priority event" + (count == 1 ? "" : "s"));
      }
    }
    log.warn("event queue full: dropped {} (oldest first)", what);
    counts.clear();
    burstStart = null;
  }
}
