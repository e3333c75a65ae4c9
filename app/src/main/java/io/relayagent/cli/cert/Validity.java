package io.relayagent.cli.cert;

import java.time.Duration;

/** Checks a {@code --validity-days} option. */
final class Validity {
  private Validity() {}

  static Duration days(String option, int days) {
    if (days <= 0) {
      throw new IllegalArgumentException(option + " must be a positive number of days");
    }
    return Duration.ofDays(days);
  }
}
