package io.relayagent.agent.connect;

import io.relayagent.mesh.client.RelayFailure;
import io.relayagent.mesh.client.Route;
import io.relayagent.mesh.discovery.KnownRelay;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The last failure of each relay the agent tried, by relay id: the answer {@code relay-agent
 * relays} gives to "why is this relay not the one in use?". The connectivity ladder and the content
 * updater record here; the relay cache is left alone (a relay the ladder forgets still has its
 * failure here, so the command can say why it was dropped).
 *
 * <p>Bounded: relay ids come from the network, so only the {@link #MAX_RELAYS} most recently failed
 * relays are kept. Safe to use from any thread.
 */
public final class RelayFailures {

  /** More than the relays an agent caches and configures, by far. */
  static final int MAX_RELAYS = 64;

  /**
   * A relay's last failure and where the relay was.
   *
   * @param source how the agent knew the relay; null when the failure came before it was cached
   *     (the first offer of a round is used at once)
   */
  public record Entry(
      String relayId, InetSocketAddress address, KnownRelay.Source source, RelayFailure failure) {
    public Entry {
      Objects.requireNonNull(relayId, "relayId");
      Objects.requireNonNull(address, "address");
      Objects.requireNonNull(failure, "failure");
    }
  }

  private final Clock clock;
  private final Map<String, Entry> byRelay =
      new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
          return size() > MAX_RELAYS;
        }
      };

  public RelayFailures(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Records what {@code failure} says about {@code relay}, stamped now; returns it. */
  public RelayFailure record(Route.ViaRelay relay, KnownRelay.Source source, Throwable failure) {
    RelayFailure described = RelayFailure.of(failure, clock.instant());
    record(relay, source, described);
    return described;
  }

  /** Records {@code failure} as {@code relay}'s last. */
  public synchronized void record(
      Route.ViaRelay relay, KnownRelay.Source source, RelayFailure failure) {
    Entry previous = byRelay.remove(relay.relayId());
    KnownRelay.Source known = source != null || previous == null ? source : previous.source();
    byRelay.put(relay.relayId(), new Entry(relay.relayId(), relay.address(), known, failure));
  }

  /** The clock failures are stamped with. */
  public Clock clock() {
    return clock;
  }

  /** {@code relayId}'s last failure, if it has failed. */
  public synchronized Optional<RelayFailure> last(String relayId) {
    return Optional.ofNullable(byRelay.get(relayId)).map(Entry::failure);
  }

  /** Every relay's last failure, the oldest first. */
  public synchronized List<Entry> all() {
    return new ArrayList<>(byRelay.values());
  }
}
