package io.relayagent.bench.soak;

import io.relayagent.bench.common.ProcessStats;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Samples the open descriptors ({@code /proc/PID/fd}) and RSS ({@code VmRSS}) of the soak's
 * processes, one row per running process per call, into a CSV file: {@code
 * seconds,process,incarnation,pid,fds,rssKiB}. A process that dies between being listed and being
 * read is left out of that round.
 */
final class ResourceSampler {

  /** One row. */
  record Sample(double seconds, String process, int incarnation, long pid, long fds, long rssKib) {}

  private final List<SoakProcess> watched;
  private final Path csv;
  private final long startNanos;
  private final List<Sample> samples = new ArrayList<>();

  ResourceSampler(List<SoakProcess> watched, Path csv, long startNanos) throws IOException {
    this.watched = List.copyOf(watched);
    this.csv = csv;
    this.startNanos = startNanos;
    Files.writeString(csv, "seconds,process,incarnation,pid,fds,rssKiB\n", StandardCharsets.UTF_8);
  }

  /** One round over every watched process. */
  synchronized void sample() {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    List<Sample> round = new ArrayList<>();
    for (SoakProcess process : watched) {
      process
          .running()
          .ifPresent(
              running -> {
                try {
                  round.add(
                      new Sample(
                          seconds,
                          process.name(),
                          running.incarnation(),
                          running.pid(),
                          ProcessStats.openFiles(running.pid()),
                          ProcessStats.memoryKib(running.pid(), "VmRSS")));
                } catch (IOException | RuntimeException gone) {
                  // It died (or was killed) between the listing and the read.
                }
              });
    }
    samples.addAll(round);
    try (Writer out =
        Files.newBufferedWriter(
            csv, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND)) {
      for (Sample s : round) {
        out.write(
            String.format(
                Locale.ROOT,
                "%.1f,%s,%d,%d,%d,%d%n",
                s.seconds(),
                s.process(),
                s.incarnation(),
                s.pid(),
                s.fds(),
                s.rssKib()));
      }
    } catch (IOException e) {
      System.out.println("cannot append to " + csv + ": " + e.getMessage());
    }
  }

  synchronized List<Sample> samples() {
    return List.copyOf(samples);
  }
}
