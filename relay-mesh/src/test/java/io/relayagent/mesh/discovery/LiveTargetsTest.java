package io.relayagent.mesh.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.relayagent.config.InterfaceSelection;
import io.relayagent.config.RelayClientPolicy;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The last look at the interfaces at once, a fresh one alongside. */
class LiveTargetsTest {

  private static final InterfaceSelection LOOPBACK =
      new InterfaceSelection(List.of("lo"), List.of());
  private final LiveTargets targets = new LiveTargets();

  @AfterEach
  void close() {
    targets.close();
  }

  @Test
  void lookup_firstTime_knowsNothingAndLooks() throws Exception {
    LiveTargets.Lookup lookup = lookup(8082);

    assertThat(lookup.known()).isEmpty();
    assertThat(fresh(lookup)).containsExactly(loopbackBroadcast(8082));
  }

  @Test
  void lookup_again_knowsTheLastLookAtOnce() throws Exception {
    fresh(lookup(8082));

    LiveTargets.Lookup again = lookup(8082);

    assertThat(again.known()).containsExactly(loopbackBroadcast(8082));
    fresh(again);
  }

  @Test
  void lookup_withOtherSettings_doesNotReuseTheLastLook() throws Exception {
    fresh(lookup(8082));

    LiveTargets.Lookup otherPort = lookup(9082);

    assertThat(otherPort.known()).isEmpty();
    assertThat(fresh(otherPort)).containsExactly(loopbackBroadcast(9082));
  }

  private LiveTargets.Lookup lookup(int port) {
    return targets.lookup(LOOPBACK, port, RelayClientPolicy.DEFAULT_MULTICAST_GROUP);
  }

  private static List<InetSocketAddress> fresh(LiveTargets.Lookup lookup) throws Exception {
    return lookup.fresh().get(5, TimeUnit.SECONDS);
  }

  private static InetSocketAddress loopbackBroadcast(int port) {
    return new InetSocketAddress("127.255.255.255", port);
  }
}
