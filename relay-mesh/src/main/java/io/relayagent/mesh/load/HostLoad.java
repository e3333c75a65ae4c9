package io.relayagent.mesh.load;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What makes a relay's host busy, sampled on a thread of its own every {@link #INTERVAL}: its CPU
 * use ({@link CpuUse}) and whether it runs on battery ({@link PowerSource}). Reading them is cheap
 * and never blocks the caller, which is the discovery responder at every request.
 *
 * <pre>{@code
 * HostLoad host = HostLoad.start(new PowerSource(PowerSource.LINUX));
 * boolean busy = host.cpuPercent() > 80 || host.onBattery();
 * host.close();
 * }</pre>
 */
public final class HostLoad implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(HostLoad.class);

  public static final Duration INTERVAL = Duration.ofSeconds(5);

  private final CpuUse cpu;
  private final PowerSource power;
  private final ScheduledExecutorService timer;
  private volatile boolean onBattery;

  private HostLoad(CpuUse cpu, PowerSource power, ScheduledExecutorService timer) {
    this.cpu = cpu;
    this.power = power;
    this.timer = timer;
  }

  /** Samples the host's CPU use and {@code power} from now on. */
  public static HostLoad start(PowerSource power) {
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            new DefaultThreadFactory("relay-host-load", true));
    HostLoad load = new HostLoad(new CpuUse(CpuUse.hostSampler(), INTERVAL), power, timer);
    timer.scheduleWithFixedDelay(load::sample, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    return load;
  }

  private void sample() {
    try {
      cpu.sample();
      boolean battery = power.onBattery();
      if (battery != onBattery) {
        log.info(battery ? "the host runs on battery" : "the host runs on mains power again");
        onBattery = battery;
      }
    } catch (RuntimeException e) {
      log.warn("cannot sample the host's load: {}", e.toString()); // the next sample tries again
    }
  }

  /** The host's CPU use, averaged over about half a minute, from 0 to 100. */
  public double cpuPercent() {
    return cpu.percent();
  }

  /** Whether it ran on battery at the last sample. */
  public boolean onBattery() {
    return onBattery;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
