package io.relayagent.bench.tunnel;

import java.util.HashMap;
import java.util.Map;

/** {@code key=value} command-line arguments of the benchmark's programs. */
final class BenchArgs {
  private final Map<String, String> values = new HashMap<>();

  BenchArgs(String[] args) {
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("arguments are key=value: " + arg);
      }
      values.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
  }

  String string(String key) {
    String value = values.get(key);
    if (value == null) {
      throw new IllegalArgumentException("missing argument " + key + "=...");
    }
    return value;
  }

  String string(String key, String fallback) {
    return values.getOrDefault(key, fallback);
  }

  int integer(String key) {
    return Integer.parseInt(string(key));
  }

  int integer(String key, int fallback) {
    return values.containsKey(key) ? integer(key) : fallback;
  }

  long pid(String key) {
    return Long.parseLong(string(key));
  }
}
