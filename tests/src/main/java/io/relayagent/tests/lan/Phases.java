package io.relayagent.tests.lan;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A system test's progress: each step printed with the time since the start, so that a slow step
 * shows in the output, and the time of each phase for the summary at the end.
 */
public final class Phases {
  private final long started = System.nanoTime();
  private final Map<String, Long> nanosByPhase = new LinkedHashMap<>();
  private String current;
  private long currentStarted;

  /** Ends the current phase and begins {@code name}. */
  public void begin(String name) {
    end();
    current = name;
    currentStarted = System.nanoTime();
    step(name);
  }

  /** Prints {@code what} with the seconds since the start. */
  public void step(String what) {
    System.out.printf("[%5.1f s] %s%n", (System.nanoTime() - started) / 1e9, what);
  }

  /** Ends the current phase and prints each phase's time and the total. */
  public void printSummary(String title) {
    end();
    StringBuilder summary = new StringBuilder(title).append('\n');
    nanosByPhase.forEach(
        (name, nanos) -> summary.append(String.format("  %-44s %6.1f s%n", name, nanos / 1e9)));
    summary.append(String.format("  %-44s %6.1f s", "total", (System.nanoTime() - started) / 1e9));
    System.out.println(summary);
  }

  private void end() {
    if (current != null) {
      nanosByPhase.put(current, System.nanoTime() - currentStarted);
      current = null;
    }
  }
}
