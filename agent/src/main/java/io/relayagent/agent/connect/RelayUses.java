package io.relayagent.agent.connect;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * When each relay last carried the agent's traffic: stamped when an ASCI through it has ended, so
 * that {@code relay-agent relays} shows when the relay was last used, not when an ASCI that went
 * through it began (which can be before the round that found the relay).
 *
 * <p>Bounded as {@link RelayFailures} is: relay ids come from the network. Safe to use from any
 * thread.
 */
public final class RelayUses {

  private final Map<String, Instant> byRelay =
      new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
          return size() > RelayFailures.MAX_RELAYS;
        }
      };

  /** Records that {@code relayId} carried traffic until {@code at}. */
  public synchronized void record(String relayId, Instant at) {
    byRelay.remove(relayId);
    byRelay.put(relayId, at);
  }

  /** When {@code relayId} last carried traffic, if it has. */
  public synchronized Optional<Instant> last(String relayId) {
    return Optional.ofNullable(byRelay.get(relayId));
  }
}
