package io.relayagent.agent;

import io.relayagent.sitelist.IpLiterals;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * Notices when the machine's addresses change (a laptop moving between the office and home, a VPN
 * coming up): the agent then re-evaluates its connectivity at once rather than at the next ASCI.
 * Polled from the agent's scheduler; cheap and off every event loop.
 */
final class NetworkChangeWatcher {
  private Set<String> last = addresses();

  /** Whether the set of addresses differs from the last call's. */
  synchronized boolean changed() {
    Set<String> now = addresses();
    boolean changed = !now.equals(last);
    last = now;
    return changed;
  }

  private static Set<String> addresses() {
    Set<String> addresses = new TreeSet<>();
    try {
      for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (nif.isUp()) {
          for (InetAddress address : Collections.list(nif.getInetAddresses())) {
            addresses.add(nif.getName() + "/" + IpLiterals.format(address));
          }
        }
      }
    } catch (SocketException e) {
      // An interface vanishing mid-listing: the next poll sees the settled state.
    }
    return addresses;
  }
}
