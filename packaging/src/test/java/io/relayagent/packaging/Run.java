package io.relayagent.packaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A command run to its end with its output (stdout and stderr together), bounded in time so that a
 * hanging dpkg or systemd tool fails the test instead of the build.
 *
 * @param command what ran
 * @param exit its exit code
 * @param output what it printed
 */
record Run(List<String> command, int exit, String output) {

  private static final long TIMEOUT_SECONDS = 120;

  static Run of(String... command) throws IOException, InterruptedException {
    return of(environment -> {}, command);
  }

  static Run of(Consumer<Map<String, String>> environment, String... command)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    environment.accept(builder.environment());
    // A file rather than a pipe: a command that prints a lot never blocks on a full pipe.
    Path output = Files.createTempFile("run", ".out");
    try {
      Process process = builder.redirectOutput(output.toFile()).start();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
        throw new IOException(
            String.join(" ", command) + " still ran after " + TIMEOUT_SECONDS + " s");
      }
      return new Run(
          List.of(command), process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(output);
    }
  }

  /** Whether {@code name} is an executable on the PATH. */
  static boolean onPath(String name) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return String.join(" ", command) + " exited " + exit + ":\n" + output;
  }
}
