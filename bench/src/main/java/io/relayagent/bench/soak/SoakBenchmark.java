package io.relayagent.bench.soak;

import io.relayagent.server.ServerDirectory;
import io.relayagent.server.events.StoredEvent;
import io.relayagent.server.store.DatabaseSettings;
import io.relayagent.server.store.Stores;
import io.relayagent.tests.cli.ServerAdmin.EventStoreView;
import io.relayagent.tests.cli.StatusView;
import io.relayagent.tests.lan.JavaHosts;
import io.relayagent.tests.lan.NamespaceLan;
import io.relayagent.tests.lan.Phases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The soak: MINUTES of mixed load on a namespace LAN with the shipped {@code relay-agent} (see
 * {@link SoakWorld}), all at once: agents delivering events through relays, bulk tunnels, cache
 * downloads verified against the signed catalog, discovery storms, a half-close flood against one
 * relay, new repository content, and a chaos loop that SIGKILLs a random relay or agent and
 * restarts it. Every relay's and agent's descriptors and RSS are sampled every 10 s. At the end it
 * drains every agent's queue and reports, with a verdict each: descriptor and RSS trends (flat),
 * events queued against events in the server's store (each exactly once), downloads attempted
 * against completed and verified (all), the flood's connections (each closed by the relay after the
 * client's FIN), and the tunnels' bytes (never corrupt). Exit code 0 when every verdict holds, 1
 * when one fails, 2 when it cannot run here (not root). Run with {@code bench/soak.sh [MINUTES]}.
 *
 * <pre>java ... SoakBenchmark MINUTES OUTPUT_DIR [SEED]</pre>
 */
public final class SoakBenchmark {
  private static final int RELAYS = 3;
  private static final int AGENTS = 6;
  private static final int EVENTS_PER_FEED = 1000;
  private static final Duration SAMPLE_EVERY = Duration.ofSeconds(10);
  private static final Duration STORM_EVERY = Duration.ofMinutes(3);
  private static final Duration CHURN_EVERY = Duration.ofMinutes(4);
  private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration BETWEEN_AGENT_STARTS = Duration.ofSeconds(5);
  private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(10);
  private static final Duration LOAD_FINISH_TIMEOUT = Duration.ofMinutes(10);

  private final int minutes;
  private final Path out;
  private final long seed;
  private final Phases phases = new Phases();
  private final SoakReport report;

  private SoakBenchmark(int minutes, Path out, long seed) {
    this.minutes = minutes;
    this.out = out;
    this.seed = seed;
    this.report = new SoakReport(minutes, seed);
  }

  public static void main(String[] args) throws Exception {
    int minutes = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    Path out = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("relay-agent-soak");
    long seed = args.length > 2 ? Long.parseLong(args[2]) : System.nanoTime();
    if (minutes < 1) {
      throw new IllegalArgumentException("MINUTES must be at least 1, not " + minutes);
    }
    Optional<String> unavailable = NamespaceLan.unavailableReason();
    if (unavailable.isPresent()) {
      System.out.println("SKIPPED: " + unavailable.get());
      System.exit(2);
    }
    JavaHosts.relayAgentJar(); // fails now, saying how to build it, if it is missing
    Files.createDirectories(out.resolve("logs"));
    int exitCode;
    try (NamespaceLan lan = new NamespaceLan("soak")) {
      // Ctrl-C or a kill of this JVM: stop every process and delete every namespace all the same.
      Thread cleanUp = new Thread(lan::close, "soak-clean-up");
      Runtime.getRuntime().addShutdownHook(cleanUp);
      exitCode = new SoakBenchmark(minutes, out, seed).run(lan);
      Runtime.getRuntime().removeShutdownHook(cleanUp);
    }
    System.exit(exitCode);
  }

  private int run(NamespaceLan lan) throws Exception {
    phases.begin("files, certificates and the LAN");
    SoakWorld world =
        new SoakWorld(lan, out.resolve("work"), out.resolve("logs"), RELAYS, AGENTS, seed);
    EventAudit.Builder audit = EventAudit.builder();
    EventFeeder feeder = new EventFeeder(EVENTS_PER_FEED, out.resolve("events-sent.csv"), audit);
    try {
      startHosts(world, feeder);
      Loads loads = soak(world, feeder);
      phases.begin("drain every agent's queue");
      drain(world);
      phases.begin("audit the server's event store");
      auditEvents(world, audit);
      report.loads(loads.tunnels, loads.downloads, loads.flood, loads.storms.summary());
    } catch (Exception | Error e) {
      report.problem("the soak stopped early: " + e);
      throw e;
    } finally {
      phases.printSummary("soak phases");
      Files.write(out.resolve("report.md"), report.lines());
      report.lines().forEach(System.out::println);
      System.out.println("samples, chaos, events and logs: " + out);
    }
    return report.passed() ? 0 : 1;
  }

  private void startHosts(SoakWorld world, EventFeeder feeder) throws Exception {
    phases.begin("server and echo host");
    world.server.start();
    awaitTrue(
        "the server's admin API",
        START_TIMEOUT,
        world.server,
        () -> world.admin.eventStore() != null);
    world.echo.start();
    world.echo.awaitLine("READY", START_TIMEOUT);

    phases.begin(RELAYS + " relays serve");
    world.relays.forEach(SoakProcess::start);
    for (SoakProcess relay : world.relays) {
      awaitTrue(
          relay.name() + " serves",
          START_TIMEOUT,
          relay,
          () -> relay.cli().status().relayServing());
    }

    phases.begin(AGENTS + " agents, " + EVENTS_PER_FEED + " events queued in each, first ASCI");
    for (SoakProcess agent : world.agents) {
      feeder.feed(agent.name(), agent.stateDirectory());
      agent.start();
      Thread.sleep(BETWEEN_AGENT_STARTS.toMillis()); // JVM starts are the heaviest moment
    }
    for (SoakProcess agent : world.agents) {
      awaitTrue(
          agent.name() + "'s first ASCI",
          START_TIMEOUT,
          agent,
          () -> !agent.cli().status().lastOutcome().equals("not yet run"));
    }
  }

  /** What the load hosts counted. */
  private static final class Loads {
    Map<String, Long> tunnels = Map.of();
    Map<String, Long> downloads = Map.of();
    Map<String, Long> flood = Map.of();
    final Storms storms = new Storms();
  }

  private Loads soak(SoakWorld world, EventFeeder feeder) throws Exception {
    phases.begin("soak: " + minutes + " minutes of mixed load and chaos");
    int seconds = minutes * 60;
    long start = System.nanoTime();
    long deadline = start + TimeUnit.MINUTES.toNanos(minutes);
    List<SoakProcess> watched = new ArrayList<>(world.relays);
    watched.addAll(world.agents);
    watched.add(world.server);
    ResourceSampler sampler = new ResourceSampler(watched, out.resolve("samples.csv"), start);
    // The first relay and the first agent are spared, so that their series cover the whole run;
    // the first relay takes the flood.
    List<SoakProcess> victims = new ArrayList<>(world.relays.subList(1, world.relays.size()));
    victims.addAll(world.agents.subList(1, world.agents.size()));
    Chaos chaos = new Chaos(victims, feeder, seed, out.resolve("chaos.csv"), start);
    Loads loads = new Loads();
    SoakProcess tunnels = world.tunnelLoad(seconds);
    SoakProcess downloads = world.downloadLoad(seconds);
    SoakProcess flood = world.flood(world.relays.get(0), seconds);
    ScheduledExecutorService timers = Executors.newScheduledThreadPool(3);
    AtomicInteger stormRuns = new AtomicInteger();
    double measured;
    try {
      timers.scheduleAtFixedRate(
          sampler::sample, 0, SAMPLE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
      tunnels.start();
      downloads.start();
      flood.start();
      Thread chaosThread = new Thread(() -> chaos.runUntil(deadline), "chaos");
      chaosThread.start();
      timers.scheduleWithFixedDelay(
          () -> storm(world, stormRuns.incrementAndGet(), loads.storms),
          60,
          STORM_EVERY.toSeconds(),
          TimeUnit.SECONDS);
      timers.scheduleWithFixedDelay(
          () -> publish(world), CHURN_EVERY.toSeconds(), CHURN_EVERY.toSeconds(), TimeUnit.SECONDS);
      while (System.nanoTime() < deadline) {
        Thread.sleep(Math.min(60_000, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
        phases.step(
            String.format(
                "%.0f of %d min: %d kills, %d events queued, %d storm runs, %d files published",
                (System.nanoTime() - start) / 60e9,
                minutes,
                chaos.kills().size(),
                feeder.sent(),
                stormRuns.get(),
                world.repository.published()));
      }
      chaosThread.join();
    } finally {
      // The window ends when sampling does: a storm still running is waited for, not sampled.
      measured = (System.nanoTime() - start) / 1e9;
      timers.shutdown();
      if (!timers.awaitTermination(3, TimeUnit.MINUTES)) {
        timers.shutdownNow();
      }
    }
    phases.begin("load hosts finish what they started");
    loads.tunnels = finish(tunnels);
    loads.downloads = finish(downloads);
    loads.flood = finish(flood);
    for (SoakProcess process : watched) {
      if (!process.alive()) {
        report.problem(process.name() + " was not running when the soak ended: started again");
        process.start();
      }
    }
    report.chaos(chaos.kills(), chaos.restarts(), chaos.problems());
    report.trends(new ResourceTrends(sampler.samples(), Math.min(120, measured * 0.2), measured));
    return loads;
  }

  private void storm(SoakWorld world, int run, Storms storms) {
    SoakProcess storm = world.storm(run);
    try {
      storm.start();
      if (!storm.awaitExit(Duration.ofMinutes(2))) {
        storm.stop(Duration.ofSeconds(5));
      }
      storms.add(storm.logLines());
    } catch (IOException e) {
      storms.add(List.of());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void publish(SoakWorld world) {
    try {
      phases.step("published " + world.repository.publishNext());
    } catch (IOException e) {
      report.problem("cannot publish a repository file: " + e.getMessage());
    }
  }

  /** Waits for a load host to end by itself, and reads its counts; empty if it did not finish. */
  private Map<String, Long> finish(SoakProcess load) throws IOException, InterruptedException {
    if (!load.awaitExit(LOAD_FINISH_TIMEOUT)) {
      report.problem(
          load.name()
              + " did not finish within "
              + LOAD_FINISH_TIMEOUT.toMinutes()
              + " min: stopped");
      load.stop(Duration.ofSeconds(10));
    }
    Optional<Map<String, Long>> counts = LoadCounters.parse(load.logLines());
    if (counts.isEmpty()) {
      report.problem(load.name() + " printed no RESULT line; see " + load.log());
    }
    return counts.orElse(Map.of());
  }

  /**
   * Waits until every agent's queue is empty: each delivers at its own ASCI (every minute), so the
   * soak only asks their status, which costs them nothing, rather than running ASCIs on request.
   */
  private void drain(SoakWorld world) throws InterruptedException {
    long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
    Map<String, StatusView> last = new LinkedHashMap<>();
    while (true) {
      for (SoakProcess agent : world.agents) {
        StatusView before = last.get(agent.name());
        if (before != null && before.queueDepth() == 0) {
          continue;
        }
        try {
          last.put(agent.name(), agent.cli().status());
        } catch (IllegalStateException notAnswering) {
          phases.step(agent.name() + " does not answer: " + notAnswering.getMessage());
        }
      }
      boolean empty =
          last.size() == world.agents.size()
              && last.values().stream().allMatch(s -> s.queueDepth() == 0);
      if (empty || System.nanoTime() > deadline) {
        break;
      }
      Thread.sleep(10_000);
    }
    report.agents(last);
  }

  private void auditEvents(SoakWorld world, EventAudit.Builder audit) throws Exception {
    EventStoreView store = world.admin.eventStore();
    Map<String, Long> byAgent = world.admin.eventsStoredByAgent();
    // Stopped first, so that nothing is stored while the database is read.
    world.server.stop(Duration.ofSeconds(30));
    try (Stores stores =
        Stores.open(
            DatabaseSettings.sqliteIn(world.serverDir), new ServerDirectory(world.serverDir))) {
      for (String agent : byAgent.keySet()) {
        for (StoredEvent event : stores.events().recent(agent, Integer.MAX_VALUE)) {
          audit.stored(event.agentId(), event.id(), event.batchId());
        }
      }
    }
    report.events(audit.build(), store, byAgent);
  }

  /**
   * Polls {@code check} until it is true; a check that throws counts as not yet.
   *
   * @throws IllegalStateException if {@code process} exits or the time runs out
   */
  private static void awaitTrue(String what, Duration timeout, SoakProcess process, Check check)
      throws InterruptedException, IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String lastFailure = "the check never threw";
    while (true) {
      try {
        if (check.holds()) {
          return;
        }
      } catch (Exception notYet) {
        lastFailure = notYet.toString();
      }
      if (!process.alive() || System.nanoTime() > deadline) {
        throw new IllegalStateException(
            what
                + ": not within "
                + timeout.toSeconds()
                + " s (last: "
                + lastFailure
                + "); "
                + process.name()
                + "'s log: "
                + process.log()
                + "\n"
                + String.join("\n", tail(process.logLines(), 30)));
      }
      Thread.sleep(1000);
    }
  }

  private static List<String> tail(List<String> lines, int count) {
    return lines.subList(Math.max(0, lines.size() - count), lines.size());
  }

  /** A condition that may throw while the host is not up yet. */
  @FunctionalInterface
  private interface Check {
    boolean holds() throws Exception;
  }
}
