package io.relayagent.bench.soak;

import io.relayagent.tests.cli.ServerAdmin.EventStoreView;
import io.relayagent.tests.cli.StatusView;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The soak's report, in Markdown: the machine and run, a verdict per property with the figure
 * behind it, then each part's detail. Parts are filled in as the soak reaches them; a part never
 * reached leaves its verdict failed ("not measured").
 */
final class SoakReport {

  /** One property the soak keeps, and whether it held. */
  record Verdict(String property, boolean passed, String figures) {}

  private final String header;
  private final Map<String, Verdict> verdicts = new TreeMap<>();
  private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
  private final List<String> details = new ArrayList<>();
  private boolean queuesDrained;

  SoakReport(int minutes, long seed) {
    this.header =
        String.format(
            Locale.ROOT,
            "# Soak, %s%n%n- command: `bench/soak.sh %d` (seed %d)%n- machine: %s%n"
                + "- load average at the start: %s",
            ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
            minutes,
            seed,
            machine(),
            loadAverage());
    for (String property :
        List.of(
            "1 descriptors flat",
            "2 RSS flat",
            "3 events exactly once",
            "4 downloads verified",
            "5 half-close flood closed",
            "6 tunnel bytes intact")) {
      verdicts.put(property, new Verdict(property.substring(2), false, "not measured"));
    }
  }

  void problem(String what) {
    problems.add(what);
  }

  void trends(ResourceTrends trends) {
    String judged =
        trends.judged().size()
            + " process lives judged (those that ran through the whole soak), "
            + trends.unjudged()
            + " not (started or ended by the chaos)";
    verdict(
        "1 descriptors flat",
        trends.descriptorsFlat(),
        ResourceTrends.DESCRIPTORS.describe("descriptors") + "; " + judged);
    verdict("2 RSS flat", trends.rssFlat(), ResourceTrends.RSS.describe("KiB") + "; " + judged);
    details.add("## Descriptors and RSS (samples every 10 s; warm-up left out)");
    details.add("");
    details.addAll(trends.table());
    details.add("");
  }

  void chaos(List<Chaos.Kill> kills, int restarts, List<String> chaosProblems) {
    Map<String, Integer> byVictim = new TreeMap<>();
    kills.forEach(kill -> byVictim.merge(kill.process(), 1, Integer::sum));
    long relays = kills.stream().filter(k -> k.role() == SoakProcess.Role.RELAY).count();
    details.add("## Chaos");
    details.add("");
    details.add(
        String.format(
            Locale.ROOT,
            "%d SIGKILLs (%d of relays, %d of agents), %d restarts: %s",
            kills.size(),
            relays,
            kills.size() - relays,
            restarts,
            byVictim));
    details.add("");
    problems.addAll(chaosProblems);
  }

  void agents(Map<String, StatusView> statuses) {
    queuesDrained =
        !statuses.isEmpty() && statuses.values().stream().allMatch(s -> s.queueDepth() == 0);
    details.add("## Agents after the drain");
    details.add("");
    details.add(
        "| agent | queue depth | events dropped (since its last start) | content version | last ASCI |");
    details.add("|---|---|---|---|---|");
    statuses.forEach(
        (name, s) ->
            details.add(
                String.format(
                    Locale.ROOT,
                    "| %s | %d | %d | %d | %s, %s |",
                    name,
                    s.queueDepth(),
                    s.eventsDropped(),
                    s.contentVersion(),
                    s.lastOutcome(),
                    s.route())));
    details.add("");
  }

  void events(EventAudit audit, EventStoreView store, Map<String, Long> byAgent) {
    boolean countsAgree = store.eventsStored() == audit.storedOnce();
    boolean undamaged = store.damagedRecords().isEmpty();
    verdict(
        "3 events exactly once",
        audit.exactlyOnce() && countsAgree && undamaged && queuesDrained,
        audit.summary()
            + "; the server counts "
            + store.eventsStored()
            + (queuesDrained
                ? "; every agent's queue drained"
                : "; **an agent's queue did not drain**")
            + (undamaged ? "" : "; **damaged records** " + store.damagedRecords()));
    details.add("## Events");
    details.add("");
    details.add(audit.summary() + ".");
    details.add("Stored per agent (admin API): " + byAgent + ".");
    details.add("");
  }

  void loads(
      Map<String, Long> tunnels,
      Map<String, Long> downloads,
      Map<String, Long> flood,
      String storms) {
    long attempted = downloads.getOrDefault("downloads.attempted", 0L);
    long verified = downloads.getOrDefault("downloads.verified", 0L);
    verdict(
        "4 downloads verified",
        attempted > 0 && verified == attempted,
        String.format(
            Locale.ROOT,
            "%d of %d attempted completed and verified (corrupt %d, failed %d; %d resumed on another relay)",
            verified,
            attempted,
            downloads.getOrDefault("downloads.corrupt", 0L),
            downloads.getOrDefault("downloads.failed", 0L),
            downloads.getOrDefault("downloads.resumed", 0L)));
    long held = sum(flood, ".held");
    long answered = sum(flood, ".answered");
    verdict(
        "5 half-close flood closed",
        held == 0 && answered > 0,
        String.format(
            Locale.ROOT,
            "%d connections in %d bursts: %d answered 200, %d closed by the relay after the client's FIN, %d held open past %d s, %d errors",
            flood.getOrDefault("flood.connections", 0L),
            flood.getOrDefault("flood.bursts", 0L),
            answered,
            sum(flood, ".closed"),
            held,
            HalfCloseFloodHost.HOLD_SECONDS,
            sum(flood, ".error")));
    long ok = tunnels.getOrDefault("tunnels.ok", 0L);
    long corrupt = tunnels.getOrDefault("tunnels.corrupt", 0L);
    verdict(
        "6 tunnel bytes intact",
        ok > 0 && corrupt == 0,
        String.format(
            Locale.ROOT,
            "%d tunnels echoed %.1f GiB intact, %d corrupt, %d cut (by relays killed mid-way, or timed out)",
            ok,
            tunnels.getOrDefault("bytes.echoed", 0L) / (double) (1L << 30),
            corrupt,
            tunnels.getOrDefault("tunnels.failed", 0L)));
    details.add("## Load hosts");
    details.add("");
    details.add("- tunnels: " + tunnels);
    details.add("- downloads: " + downloads);
    details.add("- half-close flood: " + flood);
    details.add("- discovery storms: " + storms);
    details.add("");
  }

  boolean passed() {
    return verdicts.values().stream().allMatch(Verdict::passed);
  }

  List<String> lines() {
    List<String> lines = new ArrayList<>(List.of(header.split("\n")));
    lines.add("- load average at the end: " + loadAverage());
    lines.add("");
    lines.add("| property | verdict | figures |");
    lines.add("|---|---|---|");
    verdicts
        .values()
        .forEach(
            v ->
                lines.add(
                    "| "
                        + v.property()
                        + " | "
                        + (v.passed() ? "held" : "**FAILED**")
                        + " | "
                        + v.figures()
                        + " |"));
    lines.add("");
    lines.addAll(details);
    synchronized (problems) {
      if (!problems.isEmpty()) {
        lines.add("## Problems");
        lines.add("");
        problems.forEach(p -> lines.add("- " + p));
        lines.add("");
      }
    }
    lines.add("Verdict: " + (passed() ? "every property held" : "**a property failed**"));
    return lines;
  }

  private void verdict(String key, boolean passed, String figures) {
    verdicts.put(key, new Verdict(key.substring(2), passed, figures));
  }

  private static long sum(Map<String, Long> counts, String suffix) {
    return counts.entrySet().stream()
        .filter(e -> e.getKey().endsWith(suffix))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  private static String machine() {
    String cpu = "unknown CPU";
    long memoryKib = 0;
    try {
      cpu =
          Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
              .filter(l -> l.startsWith("model name"))
              .findFirst()
              .map(l -> l.substring(l.indexOf(':') + 1).trim())
              .orElse(cpu);
      memoryKib =
          Files.readAllLines(Path.of("/proc/meminfo")).stream()
              .filter(l -> l.startsWith("MemTotal:"))
              .findFirst()
              .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")))
              .orElse(0L);
    } catch (IOException | RuntimeException e) {
      // The report says "unknown" rather than failing the soak.
    }
    return String.format(
        Locale.ROOT,
        "%d cores (%s), %.1f GiB memory, Linux %s, Java %s",
        Runtime.getRuntime().availableProcessors(),
        cpu,
        memoryKib / 1048576.0,
        System.getProperty("os.version"),
        System.getProperty("java.runtime.version"));
  }

  private static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
