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
    LiveTargets.Lookup lookup =
        targets.lookup(LOOPBACK, 8082, RelayClientPolicy.DEFAULT_MULTICAST_GROUP);

    assertThat(lookup.known()).isEmpty();
    assertThat(lookup.fresh().get(5, TimeUnit.SECONDS))
        .containsExactly(new InetSocketAddress("127.255.255.255", 8082));
  }

  @Test
  void lookup_again_knowsTheLastLookAtOnce() throws Exception {
    targets
        .lookup(LOOPBACK, 8082, RelayClientPolicy.DEFAULT_MULTICAST_GROUP)
        .fresh()
        .get(5, TimeUnit.SECONDS);

    LiveTargets.Lookup again =
        targets.lookup(LOOPBACK, 8082, RelayClientPolicy.DEFAULT_MULTICAST_GROUP);

    assertThat(again.known()).containsExactly(new InetSocketAddress("127.255.255.255", 8082));
    again.fresh().get(5, TimeUnit.SECONDS);
  }

  @Test
  void lookup_withOtherSettings_doesNotReuseTheLastLook() throws Exception {
    targets
        .lookup(LOOPBACK, 8082, RelayClientPolicy.DEFAULT_MULTICAST_GROUP)
        .fresh()
        .get(5, TimeUnit.SECONDS);

    LiveTargets.Lookup otherPort =
        targets.lookup(LOOPBACK, 9082, RelayClientPolicy.DEFAULT_MULTICAST_GROUP);

    assertThat(otherPort.known()).isEmpty();
    assertThat(otherPort.fresh().get(5, TimeUnit.SECONDS))
        .containsExactly(new InetSocketAddress("127.255.255.255", 9082));
  }
}
