package io.relayagent.bench.soak;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;

/**
 * What a load host counts, and the one line it ends with for the soak to read back: {@code RESULT
 * key=value ...}, keys sorted, values whole numbers. Keys are dotted words ({@code tunnels.ok},
 * {@code attempts.failed.relay2}); a count never seen reads as 0.
 *
 * <pre>{@code
 * LoadCounters counters = new LoadCounters();
 * counters.increment("downloads.verified");
 * System.out.println(counters.resultLine());          // RESULT downloads.verified=1
 * Map<String, Long> back = LoadCounters.parse(logLines).orElseThrow();
 * }</pre>
 */
public final class LoadCounters {
  static final String PREFIX = "RESULT ";
  private static final Pattern KEY = Pattern.compile("[a-z][a-zA-Z0-9.-]{0,79}");

  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

  public void increment(String key) {
    add(key, 1);
  }

  public void add(String key, long amount) {
    if (!KEY.matcher(key).matches()) {
      throw new IllegalArgumentException("not a counter name: " + key);
    }
    counts.computeIfAbsent(key, k -> new LongAdder()).add(amount);
  }

  public long get(String key) {
    LongAdder count = counts.get(key);
    return count == null ? 0 : count.sum();
  }

  /** {@code RESULT a=1 b=2}, keys sorted. */
  public String resultLine() {
    StringBuilder line = new StringBuilder(PREFIX.trim());
    new TreeMap<>(counts)
        .forEach((key, count) -> line.append(' ').append(key).append('=').append(count.sum()));
    return line.toString();
  }

  /**
   * The counts of the last {@code RESULT} line among {@code lines}, or empty if there is none (the
   * host did not finish).
   *
   * @throws IllegalArgumentException if that line is malformed
   */
  public static Optional<Map<String, Long>> parse(Iterable<String> lines) {
    String last = null;
    for (String line : lines) {
      if (line.startsWith(PREFIX) || line.equals(PREFIX.trim())) {
        last = line;
      }
    }
    if (last == null) {
      return Optional.empty();
    }
    Map<String, Long> counts = new TreeMap<>();
    for (String pair : last.substring(PREFIX.trim().length()).trim().split(" +")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq <= 0 || !KEY.matcher(pair.substring(0, eq)).matches()) {
        throw new IllegalArgumentException("not key=count: " + pair);
      }
      try {
        counts.put(pair.substring(0, eq), Long.parseLong(pair.substring(eq + 1)));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("not key=count: " + pair, e);
      }
    }
    return Optional.of(counts);
  }
}
