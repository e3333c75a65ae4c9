package io.relayagent.bench.tunnel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The whole machine's CPU time from /proc/stat, for telling the benchmark's own processes from
 * whatever else runs on the shared machine (other builds): it is seen here even when those run in
 * other containers.
 */
final class MachineLoad {
  private static final double TICKS_PER_SECOND = 100.0;
  private static final long QUIET_WINDOW_MILLIS = 1000;

  private MachineLoad() {}

  /** CPU seconds spent busy (not idle, not waiting for I/O) by all cores since boot. */
  static double busySeconds() throws IOException {
    String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
    // cpu user nice system idle iowait irq softirq steal ...
    long busy = 0;
    for (int i = 1; i < fields.length && i <= 8; i++) {
      if (i != 4 && i != 5) {
        busy += Long.parseLong(fields[i]);
      }
    }
    return busy / TICKS_PER_SECOND;
  }

  /**
   * Waits until the machine is quiet (less than {@code maxCores} busy over a second), at most
   * {@code timeoutSeconds}, so that a measurement does not start in the middle of someone else's
   * build.
   *
   * @return the load of the last window, in cores
   */
  static double awaitQuiet(double maxCores, int timeoutSeconds)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
    double load;
    do {
      double before = busySeconds();
      Thread.sleep(QUIET_WINDOW_MILLIS);
      load = (busySeconds() - before) / (QUIET_WINDOW_MILLIS / 1000.0);
    } while (load > maxCores && System.nanoTime() < deadline);
    if (load > maxCores) {
      System.out.printf(
          Locale.ROOT, "(the machine is still busy: %.2f cores; measuring anyway)%n", load);
    }
    return load;
  }
}
