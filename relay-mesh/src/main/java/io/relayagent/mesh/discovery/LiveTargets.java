package io.relayagent.mesh.discovery;

import io.relayagent.config.InterfaceSelection;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The discovery targets of this host without waiting for the interfaces to be listed: every round
 * gets the targets of the last look at once and a fresh look, taken off the event loop, that it
 * sends to as well when it finds targets the last look did not. Listing interfaces costs half a
 * millisecond here and can take a second on some systems; an agent whose direct path just failed
 * should not wait for it when its interfaces have not changed, and when they have (the reason the
 * path failed), the fresh look reaches the new ones in the same round.
 *
 * <pre>{@code
 * LiveTargets.Lookup lookup = targets.lookup(selection, port, group);
 * client.discover(lookup.known(), lookup.fresh(), window, timeout, onOffer);
 * }</pre>
 */
public final class LiveTargets implements AutoCloseable {

  /** What the targets were computed for: another policy's targets are not these. */
  private record Key(InterfaceSelection selection, int port, Inet6Address group) {}

  private record Look(Key key, List<InetSocketAddress> targets) {}

  /**
   * @param known the targets of the last look for the same settings (empty when there was none)
   * @param fresh the targets of a look taken now
   */
  public record Lookup(
      List<InetSocketAddress> known, CompletableFuture<List<InetSocketAddress>> fresh) {}

  // Interface enumeration can take a second on some systems: never on an event loop.
  private final ExecutorService enumerator =
      Executors.newSingleThreadExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "discovery-targets");
            thread.setDaemon(true);
            return thread;
          });
  private volatile Look last;

  /** Starts a fresh look and returns it with the targets of the last one. */
  public Lookup lookup(InterfaceSelection selection, int port, Inet6Address group) {
    Key key = new Key(selection, port, group);
    Look known = last;
    CompletableFuture<List<InetSocketAddress>> fresh =
        CompletableFuture.supplyAsync(
            () -> {
              List<InetSocketAddress> targets = DiscoveryTargets.compute(selection, port, group);
              last = new Look(key, targets);
              return targets;
            },
            enumerator);
    return new Lookup(
        known != null && known.key().equals(key) ? known.targets() : List.of(), fresh);
  }

  @Override
  public void close() {
    enumerator.shutdownNow();
  }
}
