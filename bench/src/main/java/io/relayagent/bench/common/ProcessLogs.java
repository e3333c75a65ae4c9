package io.relayagent.bench.common;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the benchmarks read from the log of a process they started (its output, to a file). */
public final class ProcessLogs {
  /** The port in {@code relay-agent server}'s "Reference server listening on ADDRESS, port N". */
  public static final Pattern SERVER_PORT = Pattern.compile("listening on [^,]+, port (\\d+)");

  private ProcessLogs() {}

  /**
   * The first group of {@code pattern}'s first match in {@code log}, once the process has written
   * it: polled for at most 60 s, so a process that never writes it fails the benchmark instead of
   * holding it.
   */
  public static String awaitLine(Path log, Pattern pattern) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      try {
        if (Files.exists(log)) {
          Matcher matcher = pattern.matcher(Files.readString(log, StandardCharsets.UTF_8));
          if (matcher.find()) {
            return matcher.group(1);
          }
        }
      } catch (IOException e) {
        throw new IllegalStateException("cannot read " + log, e);
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException(log + ": no line matching " + pattern + " within 60 s");
  }
}
