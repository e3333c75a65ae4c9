package io.relayagent.mesh.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.relayagent.mesh.client.ServerChannels;
import io.relayagent.sitelist.SiteLists;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The relay's bounds on forwarded enrollments, with a driven clock and no sockets. */
class EnrollmentRelayLimitsTest {

  private final AtomicLong nanos = new AtomicLong();
  private final EnrollmentRelay relay =
      new EnrollmentRelay(
          () -> (SiteLists) null,
          // Never dials: these tests stop before a server is chosen, or have none.
          new ServerChannels(null, null, null, Duration.ofSeconds(1)),
          Duration.ofSeconds(1),
          Runnable::run,
          Duration.ofSeconds(1),
          nanos::get);

  @Test
  void admit_overRatePerSource_isRefused429UntilTheBucketRefills() {
    for (int i = 0; i < EnrollmentRelay.PER_SOURCE_PER_MINUTE; i++) {
      EmbeddedChannel channel = from("10.0.0.1");
      assertThat(relay.admit(channel)).isEmpty();
      channel.close();
    }
    assertThat(relay.admit(from("10.0.0.1")))
        .hasValueSatisfying(
            refusal -> {
              assertThat(refusal.status().code()).isEqualTo(429);
              assertThat(refusal.reason()).contains("a minute from one address");
            });
    // Another address is not held back by the first one's rate.
    assertThat(relay.admit(from("10.0.0.2"))).isEmpty();

    nanos.addAndGet(Duration.ofSeconds(6).toNanos()); // one more token at 10 a minute
    assertThat(relay.admit(from("10.0.0.1"))).isEmpty();
  }

  @Test
  void admit_overInProgressCap_isRefused503UntilOneCloses() {
    List<EmbeddedChannel> inProgress = new ArrayList<>();
    for (int i = 0; i < EnrollmentRelay.MAX_IN_PROGRESS; i++) {
      EmbeddedChannel channel = from("10.0.1." + (i + 1));
      assertThat(relay.admit(channel)).isEmpty();
      inProgress.add(channel);
    }
    assertThat(relay.admit(from("10.0.2.1")))
        .hasValueSatisfying(
            refusal -> {
              assertThat(refusal.status().code()).isEqualTo(503);
              assertThat(refusal.reason())
                  .contains(EnrollmentRelay.MAX_IN_PROGRESS + " enrollment requests");
            });

    inProgress.get(0).close();
    assertThat(relay.admit(from("10.0.2.2"))).isEmpty();
  }

  @Test
  void forward_siteListWithoutManagementServer_failsForA502() {
    assertThat(relay.forward(new InetSocketAddress("10.0.0.1", 5000), new byte[] {'{', '}'}))
        .failsWithin(Duration.ofSeconds(1))
        .withThrowableThat()
        .withMessageContaining("no enabled management server");
  }

  /** A channel whose peer is {@code address}, as the listener's channels have one. */
  private static EmbeddedChannel from(String address) {
    InetSocketAddress remote = new InetSocketAddress(address, 40000);
    return new EmbeddedChannel() {
      @Override
      public SocketAddress remoteAddress() {
        return remote;
      }
    };
  }
}
