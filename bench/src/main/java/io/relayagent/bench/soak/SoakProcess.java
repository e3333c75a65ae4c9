package io.relayagent.bench.soak;

import io.relayagent.tests.cli.RelayAgentCli;
import io.relayagent.tests.lan.NamespaceLan;
import io.relayagent.tests.lan.NamespaceLan.Host;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One process of the soak, on its host of the namespace LAN, that can be killed and started again:
 * each start is a new incarnation with its own log ({@code NAME-N.log}), so that what a killed
 * process printed is kept. Thread-safe: the chaos loop, the sampler and the soak's main thread all
 * use it.
 */
final class SoakProcess {

  /** What it is, for the chaos loop (which kills relays and agents) and the report. */
  enum Role {
    SERVER,
    RELAY,
    AGENT,
    LOAD
  }

  /** A running incarnation: its pid, and which start it is (1 for the first). */
  record Running(long pid, int incarnation) {}

  private final String name;
  private final Role role;
  private final NamespaceLan lan;
  private final Host host;
  private final List<String> command;
  private final Path logs;
  private final Path stateDirectory;
  private Process process;
  private int incarnation;

  /**
   * @param stateDirectory a relay's or agent's state directory, else {@code null}
   */
  SoakProcess(
      String name,
      Role role,
      NamespaceLan lan,
      Host host,
      List<String> command,
      Path logs,
      Path stateDirectory) {
    this.name = name;
    this.role = role;
    this.lan = lan;
    this.host = host;
    this.command = List.copyOf(command);
    this.logs = logs;
    this.stateDirectory = stateDirectory;
  }

  String name() {
    return name;
  }

  Role role() {
    return role;
  }

  Host host() {
    return host;
  }

  /** Its state directory (relays and agents). */
  Path stateDirectory() {
    if (stateDirectory == null) {
      throw new IllegalStateException(name + " has no state directory");
    }
    return stateDirectory;
  }

  /** The shipped CLI against it (relays and agents). */
  RelayAgentCli cli() {
    return new RelayAgentCli(stateDirectory());
  }

  synchronized void start() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException(name + " is running already");
    }
    incarnation++;
    process = lan.start(host, command, log());
  }

  /** SIGKILL, as a crash or a power cut ends it; waits until it is gone. */
  synchronized void kill() throws InterruptedException {
    if (process != null) {
      process.destroyForcibly();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException(name + " did not die of SIGKILL within 30 s");
      }
    }
  }

  /** SIGTERM, then SIGKILL after {@code grace}. */
  synchronized void stop(Duration grace) throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        kill();
      }
    }
  }

  synchronized Optional<Running> running() {
    return process != null && process.isAlive()
        ? Optional.of(new Running(process.pid(), incarnation))
        : Optional.empty();
  }

  synchronized boolean alive() {
    return process != null && process.isAlive();
  }

  /** Waits for the current incarnation to exit by itself; false if it is still running. */
  boolean awaitExit(Duration timeout) throws InterruptedException {
    Process current;
    synchronized (this) {
      current = process;
    }
    return current == null || current.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The current incarnation's log. */
  synchronized Path log() {
    return logs.resolve(name + "-" + incarnation + ".log");
  }

  /** The current incarnation's log, line by line; empty if it has none yet. */
  List<String> logLines() throws IOException {
    Path log = log();
    return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
  }

  /**
   * Waits until the current incarnation's log holds a line containing {@code text}.
   *
   * @throws IllegalStateException if it exits or the time runs out first
   */
  void awaitLine(String text, Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (logLines().stream().noneMatch(line -> line.contains(text))) {
      if (!alive() || System.nanoTime() > deadline) {
        throw new IllegalStateException(
            name
                + " did not print "
                + text
                + "; its log: "
                + log()
                + "\n"
                + String.join("\n", logLines()));
      }
      Thread.sleep(200);
    }
  }
}
