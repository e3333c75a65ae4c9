package io.relayagent.tests.lan;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The long-running processes a system test started (servers, agents, witnesses): {@link #close()}
 * stops every one, gracefully first (SIGTERM, 5 s to stop), then forcibly, whatever the test's
 * outcome.
 */
public final class StartedProcesses implements AutoCloseable {
  private static final long GRACE_SECONDS = 5;

  private final List<Process> processes = new ArrayList<>();

  /** Starts {@code command}, its standard output and error going to {@code log}. */
  public Process start(List<String> command, Path log) {
    return start(
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()));
  }

  /** Starts what {@code builder} describes; its streams are the caller's choice. */
  public Process start(ProcessBuilder builder) {
    try {
      Process process = builder.start();
      synchronized (processes) {
        processes.add(process);
      }
      return process;
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot start " + builder.command() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    synchronized (processes) {
      for (Process process : processes) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
      }
      for (Process process : processes) {
        try {
          if (!process.waitFor(GRACE_SECONDS, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      processes.clear();
    }
  }
}
