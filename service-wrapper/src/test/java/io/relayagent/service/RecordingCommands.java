package io.relayagent.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link Commands} of the tests: records every command line, answers {@code id -u} as told,
 * fails a chosen command with an exit code, or "kills" the install at one by throwing an {@link
 * Error} (nothing after it runs, as when the process dies). {@code install -d} makes the directory
 * it names, which is always inside the test's root, so that undoing it can be checked on disk.
 */
final class RecordingCommands implements Commands {

  /** What a killed process leaves: nothing after it runs. */
  static final class Killed extends Error {
    private static final long serialVersionUID = 1L;

    Killed(String command) {
      super("killed at " + command);
    }
  }

  final List<String> ran = new ArrayList<>();
  private final Map<String, Integer> failures = new LinkedHashMap<>();
  private String killAt;
  private boolean userExists;

  RecordingCommands userExists(boolean exists) {
    this.userExists = exists;
    return this;
  }

  /** Every command that starts with {@code prefix} exits with {@code code}. */
  RecordingCommands failing(String prefix, int code) {
    failures.put(prefix, code);
    return this;
  }

  /** The first command that starts with {@code prefix} throws {@link Killed}. */
  RecordingCommands killedAt(String prefix) {
    this.killAt = prefix;
    return this;
  }

  @Override
  public int run(List<String> command) throws IOException {
    String line = String.join(" ", command);
    ran.add(line);
    if (killAt != null && line.startsWith(killAt)) {
      throw new Killed(line);
    }
    for (Map.Entry<String, Integer> failure : failures.entrySet()) {
      if (line.startsWith(failure.getKey())) {
        return failure.getValue();
      }
    }
    if (command.get(0).equals("id")) {
      return userExists ? 0 : 1;
    }
    if (command.get(0).equals("install") && command.get(1).equals("-d")) {
      Files.createDirectories(Path.of(command.get(command.size() - 1)));
    }
    return 0;
  }
}
