package io.relayagent.mesh.relay;

import io.relayagent.config.DiscoveryAnswerPolicy;
import io.relayagent.mesh.discovery.DiscoveryProtocol;
import io.relayagent.mesh.load.HostLoad;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the relay is busy, by its policy's thresholds over its host's load, as the busy bits of
 * its offers; logs each change, since a busy relay stops answering discovery. Read at every request
 * (cheap: two volatile reads); thread-safe.
 */
final class BusySignals {

  private static final Logger log = LoggerFactory.getLogger(BusySignals.class);

  private final HostLoad host;
  private final Supplier<DiscoveryAnswerPolicy> policy;
  private volatile int last;

  BusySignals(HostLoad host, Supplier<DiscoveryAnswerPolicy> policy) {
    this.host = host;
    this.policy = policy;
  }

  /** {@code DiscoveryProtocol.BUSY_*} bits, none when the relay is not busy. */
  int bits() {
    DiscoveryAnswerPolicy now = policy.get();
    double cpu = host.cpuPercent();
    int bits =
        (cpu > now.busyCpuPercent() ? DiscoveryProtocol.BUSY_CPU : 0)
            | (now.busyOnBattery() && host.onBattery() ? DiscoveryProtocol.BUSY_ON_BATTERY : 0);
    if (bits != last) {
      last = bits;
      if (bits == 0) {
        log.info("the relay is no longer busy and answers discovery by its load again");
      } else {
        log.info(
            "the relay is busy ({}{}); {}",
            (bits & DiscoveryProtocol.BUSY_CPU) != 0
                ? String.format("CPU %.0f %% over %d %%", cpu, now.busyCpuPercent())
                : "",
            (bits & DiscoveryProtocol.BUSY_ON_BATTERY) != 0
                ? ((bits & DiscoveryProtocol.BUSY_CPU) != 0 ? ", " : "") + "on battery"
                : "",
            now.answerWhenBusy()
                ? "it answers discovery after every relay that is not busy"
                : "it does not answer discovery");
      }
    }
    return bits;
  }
}
