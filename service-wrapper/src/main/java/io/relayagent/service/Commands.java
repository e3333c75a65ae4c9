package io.relayagent.service;

import java.io.IOException;
import java.util.List;

/**
 * Runs the programs a service install uses ({@code useradd}, {@code systemctl}, {@code prunsrv},
 * {@code netsh}, ...). The seam that lets tests record the commands and fail a chosen one.
 */
@FunctionalInterface
public interface Commands {

  /** Runs {@code command} (program and arguments, no shell) and returns its exit code. */
  int run(List<String> command) throws IOException, InterruptedException;

  /** The real commands, with their output passed through to this process's. */
  static Commands processes() {
    return command -> new ProcessBuilder(command).inheritIO().start().waitFor();
  }
}
