package io.relayagent.bench.asci;

import io.relayagent.bench.common.ProcessLogs;
import io.relayagent.bench.common.ProcessStats;
import io.relayagent.server.admin.AdminToken;
import io.relayagent.tests.hosts.HostFiles;
import io.relayagent.tests.lan.JavaHosts;
import io.relayagent.trust.CaDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shipped {@code relay-agent server} in a JVM of its own, started with the launcher's options
 * ({@code bin/jvm.options}) and any more given: what an administrator runs, so that its CPU, memory
 * and collections under ASCIs are measured apart from the simulated agents'. Its collections are
 * logged ({@code -Xlog:gc}) to {@code gc.log} in its directory and summed by {@link #report()}.
 */
final class ServerProcess {
  // "[0.123s][info][gc] GC(4) Pause Young (Allocation Failure) 20M->5M(30M) 3.123ms"
  private static final Pattern PAUSE =
      Pattern.compile("GC\\(\\d+\\) Pause (Young|Full).* ([0-9.]+)ms\\s*$");

  private final Process process;
  private final Path gcLog;
  private final int port;
  private final String adminToken;
  private final double cpuAtStart;

  private ServerProcess(Process process, Path gcLog, int port, String adminToken)
      throws IOException {
    this.process = process;
    this.gcLog = gcLog;
    this.port = port;
    this.adminToken = adminToken;
    this.cpuAtStart = ProcessStats.cpuSeconds(process.pid());
  }

  /**
   * Writes the server's files into {@code dir} (its certificate {@code name} from {@code ca}; the
   * SiteList is the caller's) and starts it on an ephemeral loopback port.
   *
   * @param moreOptions JVM options after the launcher's (a later option wins)
   */
  static ServerProcess start(Path dir, CaDirectory ca, String name, List<String> moreOptions)
      throws IOException, InterruptedException {
    Files.createDirectories(dir.resolve("repo"));
    copy(ca.caCertificate(), dir.resolve("ca.pem"));
    copy(ca.certificate(name), dir.resolve("server.pem"));
    copy(ca.privateKey(name), dir.resolve("server-key.pem"));
    Path gcLog = dir.resolve("gc.log");
    List<String> options = new ArrayList<>(moreOptions);
    options.add("-Xlog:gc:file=" + gcLog);
    List<String> command =
        JavaHosts.productionRelayAgent(options, HostFiles.serverArguments(dir, "127.0.0.1", 0));
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("server.out").toFile())
            .start();
    try {
      int port =
          Integer.parseInt(
              ProcessLogs.awaitLine(dir.resolve("server.out"), ProcessLogs.SERVER_PORT));
      // The server made its token before it listened.
      String token = AdminToken.loadOrCreate(dir.resolve("admin-token")).value();
      return new ServerProcess(process, gcLog, port, token);
    } catch (IOException | InterruptedException | RuntimeException e) {
      process.destroyForcibly();
      throw e;
    }
  }

  int port() {
    return port;
  }

  String adminToken() {
    return adminToken;
  }

  /** CPU seconds since the start, peak and current RSS, collections and their pauses so far. */
  String report() throws IOException {
    long pid = process.pid();
    int young = 0;
    int full = 0;
    double pausedMs = 0;
    double longestMs = 0;
    for (String line : Files.readAllLines(gcLog)) {
      Matcher pause = PAUSE.matcher(line);
      if (pause.find()) {
        if (pause.group(1).equals("Young")) {
          young++;
        } else {
          full++;
        }
        double ms = Double.parseDouble(pause.group(2));
        pausedMs += ms;
        longestMs = Math.max(longestMs, ms);
      }
    }
    return String.format(
        "server process: %.1f CPU s, RSS %.0f MiB (peak %.0f MiB); %d young and %d full"
            + " collections, %.0f ms paused in all, the longest %.1f ms",
        ProcessStats.cpuSeconds(pid) - cpuAtStart,
        ProcessStats.memoryKib(pid, "VmRSS") / 1024.0,
        ProcessStats.memoryKib(pid, "VmHWM") / 1024.0,
        young,
        full,
        pausedMs,
        longestMs);
  }

  /** Stops the server as a service manager does (SIGTERM), then for good after 20 s. */
  void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
  }
}
