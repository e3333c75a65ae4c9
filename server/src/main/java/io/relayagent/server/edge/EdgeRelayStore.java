package io.relayagent.server.edge;

import io.relayagent.sitelist.HostPort;
import java.io.IOException;
import java.util.List;

/** Where the registered edge relays are kept, in registration order, with a change counter. */
public interface EdgeRelayStore {

  /** The relays, in registration order. */
  List<EdgeRelay> all() throws IOException;

  /** Adds {@code relay} unless its address is registered already; whether it was added. */
  boolean add(EdgeRelay relay) throws IOException;

  /** Removes the relay at {@code address}; whether there was one. */
  boolean remove(HostPort address) throws IOException;

  /** A number that changes with every add and remove, on any server instance. */
  long version() throws IOException;
}
