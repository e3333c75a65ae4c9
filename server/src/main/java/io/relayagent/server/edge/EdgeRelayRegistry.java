package io.relayagent.server.edge;

import io.relayagent.sitelist.HostPort;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * The edge relays registered with the server (as {@code ofcedgecfg --cmd reg} does for Trend
 * Micro's Edge Relay), in registration order, kept in the server's database ({@link
 * EdgeRelayStore}), so that a relay registered through one server instance is in the policy every
 * instance hands out. A policy holds at most {@value #MAX_RELAYS} static relays, so the registry
 * does too.
 */
public final class EdgeRelayRegistry {
  public static final int MAX_RELAYS = 64;

  private final EdgeRelayStore store;

  public EdgeRelayRegistry(EdgeRelayStore store) {
    this.store = store;
  }

  /** The registered relays, in registration order. */
  public List<EdgeRelay> list() throws IOException {
    return store.all();
  }

  /** A number that changes whenever the registry does, through any server instance. */
  public long version() throws IOException {
    return store.version();
  }

  /**
   * Registers {@code address}, durably.
   *
   * @return the registration: a new one, or the existing one if it was registered already
   * @throws IllegalStateException if {@value #MAX_RELAYS} are registered already
   */
  public synchronized Registration add(HostPort address, Instant now) throws IOException {
    List<EdgeRelay> relays = store.all();
    for (EdgeRelay relay : relays) {
      if (relay.address().equals(address)) {
        return new Registration(relay, false);
      }
    }
    if (relays.size() >= MAX_RELAYS) {
      throw new IllegalStateException(
          "at most " + MAX_RELAYS + " edge relays can be registered (a policy's limit)");
    }
    EdgeRelay relay = new EdgeRelay(address, now);
    if (store.add(relay)) {
      return new Registration(relay, true);
    }
    // Another instance registered it in between: answer with its registration.
    return store.all().stream()
        .filter(known -> known.address().equals(address))
        .findFirst()
        .map(known -> new Registration(known, false))
        .orElse(new Registration(relay, false));
  }

  /** Unregisters {@code address}, durably; whether it was registered. */
  public synchronized boolean remove(HostPort address) throws IOException {
    return store.remove(address);
  }

  /** The outcome of {@link #add}: the relay, and whether this call registered it. */
  public record Registration(EdgeRelay relay, boolean added) {}
}
