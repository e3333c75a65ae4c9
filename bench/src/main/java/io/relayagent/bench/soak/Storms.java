package io.relayagent.bench.soak;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The totals of the soak's discovery storms, from the lines {@code DiscoveryStormHost} prints
 * ({@code STORM-COLD agents=200 answered=198 within1s=150 p50=...}).
 */
final class Storms {
  private static final Pattern LINE =
      Pattern.compile("STORM-\\S+ agents=(\\d+) answered=(\\d+) within1s=(\\d+).*");

  private int storms;
  private long agents;
  private long answered;
  private long withinOneSecond;
  private int failedRuns;

  /** Adds the storms of one run's output; a run without them counts as failed. */
  synchronized void add(List<String> output) {
    int found = 0;
    for (String line : output) {
      Matcher m = LINE.matcher(line);
      if (m.matches()) {
        found++;
        agents += Long.parseLong(m.group(1));
        answered += Long.parseLong(m.group(2));
        withinOneSecond += Long.parseLong(m.group(3));
      }
    }
    storms += found;
    if (found == 0) {
      failedRuns++;
    }
  }

  synchronized String summary() {
    return storms
        + " storms ("
        + failedRuns
        + " runs failed): "
        + answered
        + " of "
        + agents
        + " simulated agents answered, "
        + withinOneSecond
        + " within 1 s";
  }
}
