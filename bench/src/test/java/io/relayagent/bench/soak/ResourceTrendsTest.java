package io.relayagent.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;

import io.relayagent.bench.soak.ResourceSampler.Sample;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResourceTrendsTest {

  @Test
  void trends_onlyLivesCoveringTheWholeWindowAreJudged() {
    List<Sample> samples = new ArrayList<>();
    // relay1 runs throughout; relay2 is killed at 300 s and runs again from 310 s, its memory
    // growing as a new JVM's does.
    for (int t = 0; t <= 600; t += 10) {
      samples.add(new Sample(t, "relay1", 1, 100, 80, 150_000));
      if (t < 300) {
        samples.add(new Sample(t, "relay2", 1, 101, 80, 150_000));
      } else if (t >= 310) {
        samples.add(new Sample(t, "relay2", 2, 102, 60, 20_000 + (t - 310) * 1000L));
      }
    }

    ResourceTrends trends = new ResourceTrends(samples, 60, 600);

    assertThat(trends.judged()).extracting(ResourceTrends.Series::label).containsExactly("relay1");
    assertThat(trends.unjudged()).isEqualTo(2);
    assertThat(trends.descriptorsFlat()).isTrue();
    assertThat(trends.rssFlat()).isTrue();
  }

  @Test
  void trends_aLeakingProcess_failsTheDescriptorVerdictOnly() {
    List<Sample> samples = new ArrayList<>();
    for (int t = 0; t <= 600; t += 10) {
      samples.add(new Sample(t, "relay1", 1, 100, 80 + t, 150_000));
    }

    ResourceTrends trends = new ResourceTrends(samples, 60, 600);

    assertThat(trends.descriptorsFlat()).isFalse();
    assertThat(trends.rssFlat()).isTrue();
    assertThat(trends.table())
        .anyMatch(row -> row.startsWith("| relay1 |") && row.contains("**no**"));
  }

  @Test
  void trends_samplesBeforeTheWarmUp_areLeftOut() {
    List<Sample> samples = new ArrayList<>();
    for (int t = 0; t <= 600; t += 10) {
      // Memory grows while the JVM warms up (JIT, heap sizing), then stays.
      samples.add(new Sample(t, "agent1", 1, 100, 70, t < 200 ? 20_000 + t * 400 : 110_000));
    }

    assertThat(new ResourceTrends(samples, 200, 600).rssFlat()).isTrue();
    assertThat(new ResourceTrends(samples, 0, 600).rssFlat()).isFalse();
  }

  @Test
  void trends_aLifeStartedAfterTheSoakBegan_isNotJudged_evenIfItRanToTheEnd() {
    List<Sample> samples = new ArrayList<>();
    for (int t = 0; t <= 600; t += 10) {
      // agent3 was killed before the first sample; its second life starts at 40 s, warming up.
      if (t >= 40) {
        samples.add(new Sample(t, "agent3", 2, 100, 20, 20_000 + t * 300L));
      }
      samples.add(new Sample(t, "agent1", 1, 101, 20, 130_000));
    }

    ResourceTrends trends = new ResourceTrends(samples, 60, 600);

    assertThat(trends.judged()).extracting(ResourceTrends.Series::label).containsExactly("agent1");
    assertThat(trends.rssFlat()).isTrue();
  }

  @Test
  void trends_nothingLongEnough_isNoVerdictOfFlat() {
    List<Sample> samples = List.of(new Sample(100, "relay1", 1, 100, 80, 150_000));

    ResourceTrends trends = new ResourceTrends(samples, 60, 600);

    assertThat(trends.judged()).isEmpty();
    assertThat(trends.descriptorsFlat()).isFalse();
  }
}
