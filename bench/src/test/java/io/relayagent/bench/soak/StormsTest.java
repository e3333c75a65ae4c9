package io.relayagent.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StormsTest {

  @Test
  void add_coldAndWarmLines_areSummed() {
    Storms storms = new Storms();

    storms.add(
        List.of(
            "SLF4J(W): ...",
            "STORM-COLD agents=200 answered=180 within1s=20 p50=1200000 p90=-1 p99=-1 max=-1",
            "STORM-WARM agents=200 answered=200 within1s=199 p50=400000 p90=1 p99=1 max=1"));

    assertThat(storms.summary())
        .isEqualTo(
            "2 storms (0 runs failed): 380 of 400 simulated agents answered, 219 within 1 s");
  }

  @Test
  void add_aRunWithoutStormLines_countsAsFailed() {
    Storms storms = new Storms();

    storms.add(List.of("Exception in thread \"main\" java.util.concurrent.TimeoutException"));

    assertThat(storms.summary()).startsWith("0 storms (1 runs failed)");
  }
}
