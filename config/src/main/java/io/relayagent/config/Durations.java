package io.relayagent.config;

import java.time.Duration;
import java.util.Objects;

/** Checks that a duration fits the whole unit its attribute is written in. */
final class Durations {
  private Durations() {}

  /**
   * A policy says {@code intervalMinutes="60"}, so a duration of 90 seconds could not be written
   * back; refusing it here means a policy built in code always round-trips through its file.
   */
  static Duration requireWhole(Duration value, Duration unit, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || !value.equals(unit.multipliedBy(value.dividedBy(unit)))) {
      throw new IllegalArgumentException(
          name + " must be a whole, non-negative number of " + unit + ", not " + value);
    }
    return value;
  }
}
