package io.relayagent.mesh.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The smoothed CPU use: a burst does not make a relay busy, sustained load does. */
class CpuUseTest {

  private final AtomicReference<Double> host = new AtomicReference<>(0.0);
  private final CpuUse cpu = new CpuUse(host::get, Duration.ofSeconds(5));

  @Test
  void percent_startsAtZeroAndFollowsSustainedLoad() {
    assertThat(cpu.percent()).isZero();
    host.set(1.0);

    samples(2); // ten seconds of a storm
    assertThat(cpu.percent()).as("a burst").isLessThan(80);
    samples(10); // another minute
    assertThat(cpu.percent()).as("sustained").isGreaterThan(80);

    host.set(0.1);
    samples(24); // two quiet minutes
    assertThat(cpu.percent()).isLessThan(15);
  }

  @Test
  void sample_unknownUse_leavesTheAverage() {
    host.set(0.9);
    samples(20);
    double before = cpu.percent();

    host.set(-1.0);
    samples(5);
    host.set(Double.NaN);
    samples(5);

    assertThat(cpu.percent()).isEqualTo(before);
  }

  private void samples(int count) {
    for (int i = 0; i < count; i++) {
      cpu.sample();
    }
  }
}
