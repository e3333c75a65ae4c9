package io.relayagent.bench.soak;

import io.relayagent.bench.soak.ResourceSampler.Sample;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Descriptor and RSS trends of the soak's processes, from the sampler's rows. Each incarnation (a
 * process between two kills) is its own series: a restarted JVM starts from nothing, so joining its
 * series to the killed one's would hide a leak or invent one, and a JVM started during the soak is
 * still warming up (its memory grows for minutes). So a life is judged only when it ran through the
 * whole soak, sampled from its start to its end (within {@link #EDGE_SECONDS}), and only on its
 * samples after the warm-up: the processes the chaos spares (the server, the first relay and the
 * first agent) always are, the others when the chaos happened not to kill them.
 */
final class ResourceTrends {
  /** Descriptors: a quarter more, plus 16 (a few connections' worth of noise). */
  static final Trend.Rule DESCRIPTORS = new Trend.Rule(0.25, 16);

  /** RSS: a quarter more, plus 32 MiB (the heap of {@code -Xmx256m} still growing into use). */
  static final Trend.Rule RSS = new Trend.Rule(0.25, 32 * 1024);

  /** How far a judged life's samples may start after the soak's start, or end before its end. */
  static final double EDGE_SECONDS = 25;

  /** One incarnation's trends. */
  record Series(
      String process,
      int incarnation,
      double fromSeconds,
      double toSeconds,
      Trend fds,
      Trend rssKib) {
    String label() {
      return process + (incarnation == 1 ? "" : " (start " + incarnation + ")");
    }
  }

  private final List<Series> judged = new ArrayList<>();
  private int unjudged;

  /**
   * @param warmUpSeconds samples before this are left out (JIT, heap sizing, caches filling)
   * @param endSeconds the end of the soak (when sampling stopped); its start is 0
   */
  ResourceTrends(List<Sample> samples, double warmUpSeconds, double endSeconds) {
    Map<String, List<Sample>> byLife = new LinkedHashMap<>();
    for (Sample sample : samples) {
      byLife
          .computeIfAbsent(sample.process() + "#" + sample.incarnation(), k -> new ArrayList<>())
          .add(sample);
    }
    for (List<Sample> life : byLife.values()) {
      List<Sample> window = life.stream().filter(s -> s.seconds() >= warmUpSeconds).toList();
      boolean wholeSoak =
          life.get(0).seconds() <= EDGE_SECONDS
              && endSeconds - life.get(life.size() - 1).seconds() <= EDGE_SECONDS;
      if (!wholeSoak || window.size() < Trend.MIN_SAMPLES) {
        unjudged++;
        continue;
      }
      judged.add(
          new Series(
              window.get(0).process(),
              window.get(0).incarnation(),
              window.get(0).seconds(),
              window.get(window.size() - 1).seconds(),
              Trend.of(window.stream().mapToLong(Sample::fds).toArray(), DESCRIPTORS),
              Trend.of(window.stream().mapToLong(Sample::rssKib).toArray(), RSS)));
    }
  }

  List<Series> judged() {
    return List.copyOf(judged);
  }

  /** Lives not judged: started or ended by the chaos during the soak. */
  int unjudged() {
    return unjudged;
  }

  boolean descriptorsFlat() {
    return !judged.isEmpty() && judged.stream().allMatch(s -> s.fds().flat());
  }

  boolean rssFlat() {
    return !judged.isEmpty() && judged.stream().allMatch(s -> s.rssKib().flat());
  }

  /** A Markdown table, one row per judged incarnation. */
  List<String> table() {
    List<String> lines = new ArrayList<>();
    lines.add(
        "| process | samples (s) | descriptors: first → last quarter median | flat | RSS MiB: first → last quarter median | flat |");
    lines.add("|---|---|---|---|---|---|");
    for (Series s : judged) {
      lines.add(
          String.format(
              Locale.ROOT,
              "| %s | %d (%.0f-%.0f) | %d → %d | %s | %.1f → %.1f | %s |",
              s.label(),
              s.fds().samples(),
              s.fromSeconds(),
              s.toSeconds(),
              s.fds().firstQuarterMedian(),
              s.fds().lastQuarterMedian(),
              s.fds().flat() ? "yes" : "**no**",
              s.rssKib().firstQuarterMedian() / 1024.0,
              s.rssKib().lastQuarterMedian() / 1024.0,
              s.rssKib().flat() ? "yes" : "**no**"));
    }
    return lines;
  }
}
