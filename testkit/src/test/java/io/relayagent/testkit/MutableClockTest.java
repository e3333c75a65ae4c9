package io.relayagent.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class MutableClockTest {

  @Test
  void advanceAndSet_moveTheClock_andNothingElseDoes() {
    MutableClock clock = new MutableClock();
    Instant start = clock.instant();

    clock.advance(Duration.ofMinutes(5));
    assertThat(clock.instant()).isEqualTo(start.plus(Duration.ofMinutes(5)));
    assertThat(clock.instant()).as("time stands still between moves").isEqualTo(clock.instant());

    clock.set(Instant.parse("2030-01-01T00:00:00Z"));
    assertThat(clock.millis()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z").toEpochMilli());
  }

  @Test
  void withZone_seesTheSameTimeAndMovesWithIt() {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    Clock paris = clock.withZone(ZoneId.of("Europe/Paris"));

    clock.advance(Duration.ofHours(1));

    assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
    assertThat(paris.instant()).isEqualTo(Instant.parse("2026-01-01T01:00:00Z"));
  }
}
