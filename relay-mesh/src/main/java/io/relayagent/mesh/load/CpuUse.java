package io.relayagent.mesh.load;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * The host's CPU use, smoothed: an exponentially weighted average of samples taken at a fixed
 * interval, so that a burst (a storm of discovery requests, a build starting) does not make a relay
 * busy, and sustained load does within about {@link #TIME_CONSTANT}.
 *
 * <p>A sample is the whole host's use since the previous one (every core, every process), as the
 * operating system reports it to the JVM: on Linux from {@code /proc/stat}, or the container's
 * share under cgroups. It starts at 0: a relay becomes busy on evidence, not at its own start-up.
 *
 * <p>Used by one sampling thread at a time; {@link #percent()} may be read from any.
 */
public final class CpuUse {

  /** About how long the host must be loaded before it counts as busy. */
  public static final Duration TIME_CONSTANT = Duration.ofSeconds(30);

  private final DoubleSupplier sampler;
  private final double weight;
  private volatile double percent;

  /**
   * @param sampler the host's CPU use since its previous call, from 0 to 1; negative when unknown
   * @param interval how often {@link #sample()} is called
   */
  public CpuUse(DoubleSupplier sampler, Duration interval) {
    this.sampler = sampler;
    this.weight = 1 - Math.exp(-(double) interval.toNanos() / TIME_CONSTANT.toNanos());
  }

  /** The JVM's view of the whole host's CPU use. */
  public static DoubleSupplier hostSampler() {
    java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      return sun::getCpuLoad;
    }
    return () -> -1;
  }

  /** Takes one sample; an unknown one leaves the average as it was. */
  public void sample() {
    double now = sampler.getAsDouble();
    if (now < 0 || Double.isNaN(now)) {
      return;
    }
    double clamped = Math.min(1, now) * 100;
    percent = percent + weight * (clamped - percent);
  }

  /** The smoothed use, from 0 to 100. */
  public double percent() {
    return percent;
  }
}
