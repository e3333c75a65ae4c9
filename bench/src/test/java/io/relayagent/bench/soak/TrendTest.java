package io.relayagent.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class TrendTest {
  private static final Trend.Rule RULE = new Trend.Rule(0.25, 16);

  @Test
  void of_steadySeries_isFlat() {
    Trend trend = Trend.of(LongStream.generate(() -> 120).limit(40).toArray(), RULE);

    assertThat(trend.flat()).isTrue();
    assertThat(trend.firstQuarterMedian()).isEqualTo(120);
    assertThat(trend.lastQuarterMedian()).isEqualTo(120);
    assertThat(trend.ratio()).isEqualTo(1.0);
  }

  @Test
  void of_oneDescriptorLeakedPerSample_isNotFlat() {
    // 100 descriptors, one more every sample: after 180 samples the last quarter is far above.
    Trend trend = Trend.of(LongStream.range(100, 280).toArray(), RULE);

    assertThat(trend.flat()).isFalse();
    assertThat(trend.firstQuarterMedian()).isEqualTo(122);
    assertThat(trend.lastQuarterMedian()).isEqualTo(257);
  }

  @Test
  void of_spikesAtTheEnds_doNotDecide() {
    long[] values = LongStream.generate(() -> 200).limit(40).toArray();
    values[0] = 900; // a storm in the first sample
    values[39] = 950; // a flood in the last
    values[38] = 940;

    assertThat(Trend.of(values, RULE).flat()).isTrue();
  }

  @Test
  void of_growthWithinTheRule_isFlat_justAboveIsNot() {
    long[] within = series(100, 100 * 5 / 4 + 16);
    long[] above = series(100, 100 * 5 / 4 + 17);

    assertThat(Trend.of(within, RULE).flat()).isTrue();
    assertThat(Trend.of(above, RULE).flat()).isFalse();
  }

  @Test
  void of_fewerThanEightSamples_isRefused() {
    assertThatThrownBy(() -> Trend.of(new long[7], RULE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 8");
  }

  @Test
  void ruleDescribe_namesTheFactorAndSlack() {
    assertThat(RULE.describe("descriptors"))
        .isEqualTo("last-quarter median ≤ first-quarter median × 1.25 + 16 descriptors");
  }

  /** 20 samples: the first half at {@code first}, the second at {@code last}. */
  private static long[] series(long first, long last) {
    long[] values = new long[20];
    for (int i = 0; i < values.length; i++) {
      values[i] = i < 10 ? first : last;
    }
    return values;
  }
}
