package io.relayagent.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that moves only when the test says, so expiry, intervals and timestamps are tested
 * exactly and without sleeping. Safe to read from any thread while the test moves it.
 *
 * <pre>{@code
 * MutableClock clock = new MutableClock();
 * cache = RelayCache.create(clock);
 * clock.advance(Duration.ofMinutes(5));
 * }</pre>
 */
public final class MutableClock extends Clock {

  /** Where a clock made without a start begins: a fixed moment, so tests repeat exactly. */
  public static final Instant DEFAULT_START = Instant.parse("2026-03-02T10:00:00Z");

  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  public MutableClock() {
    this(DEFAULT_START);
  }

  public MutableClock(Instant start) {
    this(new AtomicReference<>(Objects.requireNonNull(start, "start")), ZoneOffset.UTC);
  }

  private MutableClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  /** Moves the clock to {@code instant}, forwards or back. */
  public void set(Instant instant) {
    now.set(Objects.requireNonNull(instant, "instant"));
  }

  /** Moves the clock on by {@code duration} (back, if it is negative). */
  public void advance(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    now.updateAndGet(instant -> instant.plus(duration));
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /** The same time source seen in another zone: it moves when this clock moves. */
  @Override
  public Clock withZone(ZoneId newZone) {
    return newZone.equals(zone) ? this : new MutableClock(now, newZone);
  }
}
