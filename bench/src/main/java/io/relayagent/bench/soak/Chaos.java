package io.relayagent.bench.soak;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The soak's chaos: at random intervals it kills a random relay or agent with SIGKILL, leaves it
 * down a few seconds, and starts it again. A killed agent is given new events (through {@link
 * EventFeeder}) before its restart, so agents deliver events across their crashes. Each kill is a
 * line of {@code chaos.csv}: {@code seconds,process,incarnation,pid,downMillis,eventsQueued}. The
 * random source is seeded and the seed printed, so a run's sequence of victims can be repeated.
 *
 * <pre>{@code
 * Chaos chaos = new Chaos(victims, feeder, seed, csv, start);
 * Thread thread = new Thread(() -> chaos.runUntil(deadline));
 * }</pre>
 */
final class Chaos {
  private static final Duration MIN_GAP = Duration.ofSeconds(10);
  private static final Duration MAX_GAP = Duration.ofSeconds(40);
  private static final Duration MIN_DOWN = Duration.ofSeconds(2);
  private static final Duration MAX_DOWN = Duration.ofSeconds(8);

  /** One kill and what followed it. */
  record Kill(double seconds, String process, SoakProcess.Role role, int eventsQueued) {}

  private final List<SoakProcess> victims;
  private final EventFeeder feeder;
  private final Random random;
  private final Path csv;
  private final long startNanos;
  private final List<Kill> kills = new ArrayList<>();
  private int restarts;
  private final List<String> problems = Collections.synchronizedList(new ArrayList<>());

  Chaos(List<SoakProcess> victims, EventFeeder feeder, long seed, Path csv, long startNanos)
      throws IOException {
    this.victims = List.copyOf(victims);
    this.feeder = feeder;
    this.random = new Random(seed);
    this.csv = csv;
    this.startNanos = startNanos;
    Files.writeString(
        csv, "seconds,process,incarnation,pid,downMillis,eventsQueued\n", StandardCharsets.UTF_8);
  }

  /**
   * Kills and restarts until {@code deadlineNanos}; a victim down at the deadline is started again
   * before this returns, so that everything runs once the chaos ends.
   */
  void runUntil(long deadlineNanos) {
    try {
      while (true) {
        long gap = between(MIN_GAP, MAX_GAP);
        if (System.nanoTime() + gap * 1_000_000 > deadlineNanos) {
          return;
        }
        Thread.sleep(gap);
        strike(victims.get(random.nextInt(victims.size())));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void strike(SoakProcess victim) throws InterruptedException {
    var running = victim.running();
    if (running.isEmpty()) {
      problems.add(victim.name() + " was not running when its turn came: restarted");
      victim.start();
      return;
    }
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    victim.kill();
    long down = between(MIN_DOWN, MAX_DOWN);
    long started = System.nanoTime();
    int queued = 0;
    if (victim.role() == SoakProcess.Role.AGENT) {
      try {
        queued = feeder.feed(victim.name(), victim.stateDirectory());
      } catch (IOException e) {
        problems.add(victim.name() + ": cannot queue events while it is down: " + e.getMessage());
      }
    }
    long left = down - (System.nanoTime() - started) / 1_000_000;
    if (left > 0) {
      Thread.sleep(left);
    }
    victim.start();
    synchronized (this) {
      kills.add(new Kill(seconds, victim.name(), victim.role(), queued));
      restarts++;
    }
    append(
        String.format(
            Locale.ROOT,
            "%.1f,%s,%d,%d,%d,%d%n",
            seconds,
            victim.name(),
            running.get().incarnation(),
            running.get().pid(),
            down,
            queued));
  }

  private long between(Duration min, Duration max) {
    return min.toMillis() + (long) (random.nextDouble() * (max.toMillis() - min.toMillis()));
  }

  private void append(String line) {
    try {
      Files.writeString(csv, line, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    } catch (IOException e) {
      problems.add("cannot append to " + csv + ": " + e.getMessage());
    }
  }

  synchronized List<Kill> kills() {
    return List.copyOf(kills);
  }

  synchronized int restarts() {
    return restarts;
  }

  List<String> problems() {
    synchronized (problems) {
      return List.copyOf(problems);
    }
  }
}
