package io.relayagent.mesh.discovery;

import io.relayagent.config.InterfaceSelection;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where an agent sends its discovery requests: each selected interface's own IPv4 directed
 * broadcast (a datagram to 255.255.255.255 leaves through one interface only), the IPv6 link-local
 * group scoped to each selected interface, and 255.255.255.255 as an extra when the policy selects
 * interfaces only by exclusion.
 *
 * <p>Loopback is used only when the policy names it; its broadcast is {@code 127.255.255.255},
 * which reaches every socket on the machine bound to the discovery port with {@code SO_REUSEADDR},
 * so tests and the demo never send a packet out of a real interface.
 *
 * <p>Enumerating interfaces can take a second on some systems: call this off the event loop.
 */
public final class DiscoveryTargets {

  private static final Logger log = LoggerFactory.getLogger(DiscoveryTargets.class);
  private static final InetAddress LIMITED_BROADCAST = ipv4(255, 255, 255, 255);
  private static final InetAddress LOOPBACK_BROADCAST = ipv4(127, 255, 255, 255);

  private DiscoveryTargets() {}

  /** The targets for the interfaces of this host that {@code selection} allows. */
  public static List<InetSocketAddress> compute(
      InterfaceSelection selection, int port, Inet6Address multicastGroup) {
    Set<InetSocketAddress> targets = new LinkedHashSet<>();
    List<NetworkInterface> interfaces;
    try {
      interfaces = Collections.list(NetworkInterface.getNetworkInterfaces());
    } catch (SocketException e) {
      log.warn("cannot list network interfaces: {}", e.getMessage());
      return List.of();
    }
    for (NetworkInterface nif : interfaces) {
      try {
        addTargets(nif, selection, port, multicastGroup, targets);
      } catch (SocketException | UnknownHostException e) {
        // One bad interface (going down, a tentative address) never stops discovery.
        log.debug("skipping interface {}: {}", nif.getName(), e.getMessage());
      }
    }
    if (selection.include().isEmpty() && !targets.isEmpty()) {
      targets.add(new InetSocketAddress(LIMITED_BROADCAST, port));
    }
    return new ArrayList<>(targets);
  }

  /**
   * The interface a target of {@link #compute} leaves by, for an administrator to read: the one an
   * IPv6 group is scoped to, the one whose directed broadcast it is (loopback for {@code
   * 127.255.255.255}). Empty for {@code 255.255.255.255}, which the system sends where it chooses,
   * and for an interface that is gone.
   */
  public static Optional<String> interfaceOf(InetAddress target) {
    if (target instanceof Inet6Address ipv6) {
      return Optional.ofNullable(ipv6.getScopedInterface()).map(NetworkInterface::getName);
    }
    try {
      for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (nif.isLoopback() && target.equals(LOOPBACK_BROADCAST)) {
          return Optional.of(nif.getName());
        }
        for (InterfaceAddress address : nif.getInterfaceAddresses()) {
          if (target.equals(address.getBroadcast())) {
            return Optional.of(nif.getName());
          }
        }
      }
    } catch (SocketException e) {
      log.debug("cannot list network interfaces: {}", e.getMessage());
    }
    return Optional.empty();
  }

  private static void addTargets(
      NetworkInterface nif,
      InterfaceSelection selection,
      int port,
      Inet6Address group,
      Set<InetSocketAddress> targets)
      throws SocketException, UnknownHostException {
    if (!nif.isUp() || !selection.selects(nif.getName())) {
      return;
    }
    boolean loopback = nif.isLoopback();
    if (loopback && selection.include().isEmpty()) {
      return;
    }
    boolean hasIpv6 = false;
    for (InterfaceAddress address : nif.getInterfaceAddresses()) {
      if (address.getAddress() instanceof Inet4Address) {
        InetAddress broadcast = loopback ? LOOPBACK_BROADCAST : address.getBroadcast();
        if (broadcast != null) {
          targets.add(new InetSocketAddress(broadcast, port));
        }
      } else if (address.getAddress() instanceof Inet6Address) {
        hasIpv6 = true;
      }
    }
    if (hasIpv6 && nif.supportsMulticast() && !loopback) {
      // Scoped to this interface: a link-local group means nothing without its scope.
      targets.add(
          new InetSocketAddress(Inet6Address.getByAddress(null, group.getAddress(), nif), port));
    }
  }

  private static InetAddress ipv4(int a, int b, int c, int d) {
    try {
      return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }
}
