package io.relayagent.bench.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time, memory and open files of another process, read from /proc (Linux), for benchmark
 * reports.
 */
public final class ProcessStats {
  /** USER_HZ: the unit of utime and stime in /proc/PID/stat on every Linux that matters. */
  private static final double TICKS_PER_SECOND = 100.0;

  private ProcessStats() {}

  /** utime + stime of {@code pid}, in seconds. */
  public static double cpuSeconds(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    // Fields after the command name, which is in parentheses and may hold spaces.
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    long utime = Long.parseLong(fields[11]);
    long stime = Long.parseLong(fields[12]);
    return (utime + stime) / TICKS_PER_SECOND;
  }

  /** Open file descriptors of {@code pid}: the entries of /proc/PID/fd. */
  public static long openFiles(long pid) throws IOException {
    try (Stream<Path> files = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
      return files.count();
    }
  }

  /** A memory line of /proc/PID/status in KiB, such as {@code VmRSS} or {@code VmHWM}. */
  public static long memoryKib(long pid, String field) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith(field + ":")) {
        return Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]);
      }
    }
    throw new IOException("no " + field + " in /proc/" + pid + "/status");
  }
}
