package io.relayagent.bench.discovery;

import io.relayagent.tests.cli.RelayAgentCli;
import io.relayagent.tests.hosts.HostFiles;
import io.relayagent.tests.lan.NamespaceLan;
import io.relayagent.tests.lan.NamespaceLan.Host;
import io.relayagent.trust.IssueRequest;
import io.relayagent.trust.Role;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What the discovery benchmarks do with their hosts: start, wait for, run to the end. */
final class BenchHosts {
  private BenchHosts() {}

  /**
   * A benchmark's working directory and its organisation: the CA in {@code work/ca}, which has
   * issued the server's certificate.
   */
  record Organisation(Path work, Path caDir, HostFiles files) {}

  /**
   * A new working directory for a benchmark on namespaces, with its organisation's CA and the
   * server's certificate for {@code serverAddress}.
   *
   * @throws IllegalStateException if namespaces cannot be made here (root and iproute2 needed)
   */
  static Organisation organisation(String name, String serverAddress) throws Exception {
    Optional<String> unavailable = NamespaceLan.unavailableReason();
    if (unavailable.isPresent()) {
      throw new IllegalStateException("cannot run: " + unavailable.get());
    }
    Path work = Files.createTempDirectory(name);
    Path caDir = work.resolve("ca");
    HostFiles files =
        HostFiles.newCa(caDir, "CN=" + name + " CA")
            .issue(
                IssueRequest.of(Role.SERVER, HostFiles.SERVER)
                    .withIpAddresses(List.of(serverAddress)));
    return new Organisation(work, caDir, files);
  }

  /** {@code subnet.first/24} to {@code subnet.(first + count - 1)/24}. */
  static List<String> addresses(String subnet, int first, int count) {
    List<String> addresses = new ArrayList<>();
    for (int host = first; host < first + count; host++) {
      addresses.add(subnet + "." + host + "/24");
    }
    return addresses;
  }

  /** Runs a measuring host to its end; returns what it printed. */
  static List<String> run(NamespaceLan lan, Host host, List<String> command, Path log)
      throws Exception {
    Process process = lan.startInteractive(host, command, log);
    process.getOutputStream().close();
    List<String> lines = new ArrayList<>();
    try (BufferedReader out = reader(process)) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        lines.add(line);
      }
    }
    if (process.waitFor() != 0) {
      throw failed(command, log);
    }
    return lines;
  }

  static BufferedReader reader(Process process) {
    return new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  static IllegalStateException failed(List<String> command, Path log) throws IOException {
    return new IllegalStateException(
        command.get(command.size() - 1) + " failed; see " + log + ":\n" + Files.readString(log));
  }

  /**
   * Waits until a relay says it serves: running, its upstream reached (the server may start last).
   */
  static void awaitServing(Process relay, RelayAgentCli cli, Path log)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(300).toNanos();
    while (!serving(cli)) {
      if (!relay.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the relay does not serve; see " + log + ":\n" + Files.readString(log));
      }
      Thread.sleep(500);
    }
  }

  private static boolean serving(RelayAgentCli cli) {
    try {
      return cli.status().relayServing();
    } catch (IllegalStateException notYetRunning) {
      return false;
    }
  }

  /** Waits until a host has written {@code READY} to its log. */
  static void ready(Process process, Path log) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!(Files.exists(log) && Files.readString(log).contains("READY"))) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "host did not start; see "
                + log
                + ":\n"
                + (Files.exists(log) ? Files.readString(log) : ""));
      }
      Thread.sleep(50);
    }
  }
}
