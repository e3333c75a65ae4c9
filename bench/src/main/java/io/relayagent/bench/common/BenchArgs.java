package io.relayagent.bench.common;

import java.util.HashMap;
import java.util.Map;

/** {@code key=value} command-line arguments of the benchmark's programs. */
public final class BenchArgs {
  private final Map<String, String> values = new HashMap<>();

  public BenchArgs(String[] args) {
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("arguments are key=value: " + arg);
      }
      values.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
  }

  public String string(String key) {
    String value = values.get(key);
    if (value == null) {
      throw new IllegalArgumentException("missing argument " + key + "=...");
    }
    return value;
  }

  public String string(String key, String fallback) {
    return values.getOrDefault(key, fallback);
  }

  public int integer(String key) {
    return Integer.parseInt(string(key));
  }

  public int integer(String key, int fallback) {
    return values.containsKey(key) ? integer(key) : fallback;
  }

  public long pid(String key) {
    return Long.parseLong(string(key));
  }
}
