package io.relayagent.bench.common;

import java.util.Arrays;

/** Percentiles of a sample of durations in microseconds, for one-line benchmark reports. */
public final class Percentiles {
  private final long[] sorted;

  public Percentiles(long[] micros) {
    this.sorted = micros.clone();
    Arrays.sort(sorted);
  }

  public long at(double percent) {
    if (sorted.length == 0) {
      return -1;
    }
    int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  public int count() {
    return sorted.length;
  }

  /** {@code p50=.. p90=.. p99=.. max=..} in microseconds. */
  public String summary() {
    return "p50=" + at(50) + " p90=" + at(90) + " p99=" + at(99) + " max=" + at(100);
  }
}
