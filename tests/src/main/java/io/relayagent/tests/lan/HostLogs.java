package io.relayagent.tests.lan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The hosts' log files of a system test, for a failure's report. */
public final class HostLogs {
  private HostLogs() {}

  /** Prints the last {@code lines} lines of every {@code *.log} file in {@code dir}. */
  public static void printTails(Path dir, int lines) throws IOException {
    try (var logs = Files.list(dir)) {
      for (Path log : logs.filter(p -> p.toString().endsWith(".log")).sorted().toList()) {
        List<String> all = Files.readAllLines(log);
        System.out.println("--- " + log.getFileName() + " (last " + lines + " lines)");
        all.subList(Math.max(0, all.size() - lines), all.size()).forEach(System.out::println);
      }
    }
  }
}
