package io.relayagent.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AsciScheduleTest {
  private static final Duration HOUR = Duration.ofMinutes(60);

  /** No jitter: each pause is the whole backoff, so the sequence can be read off. */
  private final AsciSchedule schedule = new AsciSchedule(millis -> millis);

  @Test
  void after_success_isTheInterval() {
    assertThat(schedule.after(true, HOUR)).isEqualTo(HOUR);
  }

  @Test
  void after_failures_doubleFromOneMinuteUpToTheInterval() {
    List<Long> minutes = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      minutes.add(schedule.after(false, HOUR).toMinutes());
    }

    assertThat(minutes).containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L);
  }

  @Test
  void after_successAfterFailures_isTheIntervalAndTheNextFailureStartsAtOneMinute() {
    schedule.after(false, HOUR);
    schedule.after(false, HOUR);

    assertThat(schedule.after(true, HOUR)).isEqualTo(HOUR);
    assertThat(schedule.after(false, HOUR)).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void after_failureWithAnIntervalShorterThanTheFirstRetry_isTheInterval() {
    Duration interval = Duration.ofSeconds(30);

    assertThat(schedule.after(false, interval)).isEqualTo(interval);
  }

  @Test
  void after_manyFailures_neverPassesTheInterval() {
    Duration pause = Duration.ZERO;
    for (int i = 0; i < 100; i++) {
      pause = schedule.after(false, Duration.ofDays(365));
    }

    assertThat(pause).isPositive().isLessThanOrEqualTo(Duration.ofDays(365));
  }

  @Test
  void pause_noFailure_isTheNewInterval_whileFailing_isTheCurrentBackoff() {
    assertThat(schedule.pause(Duration.ofMinutes(30))).isEqualTo(Duration.ofMinutes(30));

    schedule.after(false, HOUR);
    schedule.after(false, HOUR);

    assertThat(schedule.pause(Duration.ofMinutes(30))).isEqualTo(Duration.ofMinutes(2));
    assertThat(schedule.pause(Duration.ofMinutes(1))).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void after_failure_isJitteredBetweenHalfAndAllOfTheBackoff() {
    List<Duration> pauses = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      AsciSchedule jittered = new AsciSchedule();
      pauses.add(jittered.after(false, HOUR));
    }

    assertThat(pauses)
        .allSatisfy(
            pause -> assertThat(pause).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(60)));
    assertThat(pauses.stream().distinct().count()).as("spread, not one value").isGreaterThan(100);
  }
}
