package io.relayagent.mesh.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.relayagent.testkit.MutableClock;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RelayCacheTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
  private final RelayCache cache = new RelayCache(5, Duration.ofHours(3), clock);

  @Test
  void recordRound_keepsTheFirstFiveUniqueRelaysInArrivalOrder() {
    cache.recordRound(
        List.of(
            relay("r3"),
            relay("r1"),
            relay("r3"),
            relay("r7"),
            relay("r2"),
            relay("r5"),
            relay("r4"),
            relay("r6")));

    assertThat(ids(cache.relays())).containsExactly("r3", "r1", "r7", "r2", "r5");
  }

  @Test
  void recordRound_relayAnsweringFromTwoAddresses_countsOnceByItsId() {
    cache.recordRound(
        List.of(relay("r1", "10.0.0.1"), relay("r1", "10.0.1.1"), relay("r2", "10.0.0.2")));

    assertThat(cache.relays())
        .extracting(r -> r.tunnelAddress().getHostString())
        .containsExactly("10.0.0.1", "10.0.0.2");
  }

  @Test
  void relays_expireAfterTheirLifetime() {
    cache.recordRound(List.of(relay("r1")));
    clock.advance(Duration.ofHours(3).minusSeconds(1));
    assertThat(ids(cache.relays())).containsExactly("r1");

    clock.advance(Duration.ofSeconds(1));

    assertThat(cache.relays()).isEmpty();
  }

  @Test
  void recordRound_newRespondersComeFirst_earlierFreshOnesFollow() {
    cache.recordRound(List.of(relay("a"), relay("b"), relay("c")));
    clock.advance(Duration.ofHours(1));

    cache.recordRound(List.of(relay("d"), relay("b")));

    assertThat(ids(cache.relays())).containsExactly("d", "b", "a", "c");
  }

  @Test
  void recordRound_anEmptyRoundKeepsFreshRelays_untilTheyExpire() {
    cache.recordRound(List.of(relay("a")));
    clock.advance(Duration.ofHours(2));
    cache.recordRound(List.of());
    assertThat(ids(cache.relays())).containsExactly("a");

    clock.advance(Duration.ofHours(1));

    assertThat(cache.relays()).isEmpty();
  }

  @Test
  void recordRound_rediscoveredRelay_keepsItsFirstSightingAndRenewsItsLifetime() {
    Instant first = clock.instant();
    cache.recordRound(List.of(relay("a")));
    clock.advance(Duration.ofHours(2));
    cache.recordRound(List.of(relay("a")));
    clock.advance(Duration.ofHours(2));

    assertThat(cache.relays()).singleElement().extracting(KnownRelay::firstSeen).isEqualTo(first);
  }

  @Test
  void recordRound_neverHoldsMoreThanItsCapacity() {
    for (int round = 0; round < 20; round++) {
      int base = round * 3;
      cache.recordRound(IntStream.range(base, base + 3).mapToObj(i -> relay("r" + i)).toList());
      assertThat(cache.relays()).hasSizeLessThanOrEqualTo(5);
    }
    assertThat(ids(cache.relays())).containsExactly("r57", "r58", "r59", "r54", "r55");
  }

  @Test
  void relays_staticRelaysComeFirstAndNeverExpire() {
    KnownRelay edge =
        new KnownRelay(
            "edge.example.com:8083",
            InetSocketAddress.createUnresolved("edge.example.com", 8083),
            KnownRelay.Source.STATIC,
            Duration.ZERO,
            clock.instant(),
            0,
            0);
    cache.setStaticRelays(List.of(edge));
    cache.recordRound(List.of(relay("a")));
    assertThat(ids(cache.relays())).containsExactly("edge.example.com:8083", "a");

    clock.advance(Duration.ofDays(30));

    assertThat(ids(cache.relays())).containsExactly("edge.example.com:8083");
  }

  @Test
  void setStaticRelays_samePolicyAppliedAgain_keepsTheRelaysFirstSighting() {
    Instant configured = clock.instant();
    cache.setStaticRelays(List.of(edge(configured)));
    clock.advance(Duration.ofHours(2));

    cache.setStaticRelays(List.of(edge(clock.instant())));

    assertThat(cache.relays())
        .singleElement()
        .extracting(KnownRelay::firstSeen)
        .isEqualTo(configured);
  }

  private static KnownRelay edge(Instant seen) {
    return new KnownRelay(
        "edge.example.com:8083",
        InetSocketAddress.createUnresolved("edge.example.com", 8083),
        KnownRelay.Source.STATIC,
        Duration.ZERO,
        seen,
        0,
        0);
  }

  @Test
  void remove_dropsARelaySoTheNextIsTried() {
    cache.recordRound(List.of(relay("a"), relay("b")));

    cache.remove("a");

    assertThat(ids(cache.relays())).containsExactly("b");
  }

  private KnownRelay relay(String id) {
    return relay(id, "10.0.0." + (Math.abs(id.hashCode()) % 250 + 1));
  }

  private KnownRelay relay(String id, String address) {
    return new KnownRelay(
        id,
        new InetSocketAddress(address, 8083),
        KnownRelay.Source.DISCOVERED,
        Duration.ofMillis(2),
        clock.instant(),
        0,
        1024);
  }

  private static List<String> ids(List<KnownRelay> relays) {
    return relays.stream().map(KnownRelay::relayId).toList();
  }
}
