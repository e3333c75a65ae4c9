package io.relayagent.bench.soak;

import io.relayagent.bench.common.Percentiles;
import java.util.Arrays;
import java.util.Locale;

/**
 * Whether a series sampled over a soak (a process's open descriptors, its RSS) stayed flat: the
 * median of its last quarter against the median of its first quarter. Medians, not the first and
 * last samples, so that a burst of load at either end (a discovery storm, a flood) does not decide
 * the verdict; a leak moves the whole last quarter.
 *
 * <pre>{@code
 * Trend.Rule descriptors = new Trend.Rule(0.25, 16);
 * Trend trend = Trend.of(fdSamples, descriptors); // trend.flat()
 * }</pre>
 *
 * @param samples how many values the series held
 * @param firstQuarterMedian the median of the first quarter of the values
 * @param lastQuarterMedian the median of the last quarter of the values
 * @param flat whether the last quarter's median is within the rule of the first's
 */
public record Trend(int samples, long firstQuarterMedian, long lastQuarterMedian, boolean flat) {

  /** Fewer values than this have no quarters worth comparing. */
  public static final int MIN_SAMPLES = 8;

  /**
   * Flat: the last quarter's median is at most the first quarter's times {@code 1 + ratio}, plus
   * {@code slack} (in the series' unit), so that a small series is not judged on a few units.
   */
  public record Rule(double ratio, long slack) {
    public Rule {
      if (ratio < 0 || slack < 0) {
        throw new IllegalArgumentException("ratio and slack must not be negative");
      }
    }

    /** The greatest last-quarter median that is still flat for {@code first}. */
    public long limit(long first) {
      return (long) Math.floor(first * (1 + ratio)) + slack;
    }

    /** The rule in words, for the report. */
    public String describe(String unit) {
      return String.format(
          Locale.ROOT,
          "last-quarter median ≤ first-quarter median × %.2f + %d %s",
          1 + ratio,
          slack,
          unit);
    }
  }

  /**
   * @throws IllegalArgumentException with fewer than {@link #MIN_SAMPLES} values
   */
  public static Trend of(long[] values, Rule rule) {
    if (values.length < MIN_SAMPLES) {
      throw new IllegalArgumentException(
          "a trend needs at least " + MIN_SAMPLES + " samples, not " + values.length);
    }
    int quarter = values.length / 4;
    long first = median(Arrays.copyOfRange(values, 0, quarter));
    long last = median(Arrays.copyOfRange(values, values.length - quarter, values.length));
    return new Trend(values.length, first, last, last <= rule.limit(first));
  }

  /** The last quarter's median over the first's, for the report; 1 when both are 0. */
  public double ratio() {
    if (firstQuarterMedian == 0) {
      return lastQuarterMedian == 0 ? 1.0 : Double.POSITIVE_INFINITY;
    }
    return (double) lastQuarterMedian / firstQuarterMedian;
  }

  private static long median(long[] values) {
    return new Percentiles(values).at(50);
  }
}
