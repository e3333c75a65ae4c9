package io.relayagent.agent.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real agent JVM at random moments while it queues and sends events, restarts it, and
 * checks that the server ends up with every queued event exactly once and that the queue on disk is
 * never left unusable.
 */
class QueueCrashTest {

  private static final Pattern ENQUEUED =
      Pattern.compile(
          "enqueued (\\d+) (\\d+) ([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})");
  private static final int KILLED_RUNS = 8;
  private static final int EVENTS_PER_RUN = 300;

  @TempDir Path work;

  /** What one child JVM printed before it ended. */
  private record Run(Process process, List<String> lines, Thread reader) {}

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void killedWhileSending_everyQueuedEventReachesTheServerExactlyOnce() throws Exception {
    Path queueDir = work.resolve("queue");
    Map<String, String> enqueued = new HashMap<>(); // id -> "run n"
    Random random = new Random(20250301);
    try (EventServer server = new EventServer()) {
      // Run 0: the server stores the first batch but its answer never arrives; the agent dies.
      server.mode(EventServer.Mode.STORE_THEN_HANG);
      Run lostAnswer = start(queueDir, server, 0, EVENTS_PER_RUN, "work");
      await("a batch reached the server")
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(10))
          .until(() -> !server.batchIds().isEmpty());
      String unanswered = server.batchIds().get(0);
      kill(lostAnswer, enqueued);
      server.release();
      server.mode(EventServer.Mode.ACKNOWLEDGE);
      server.answerDelayUpTo(30);

      // Runs 1..n: killed at random moments. Odd runs count from the start, so some die while the
      // JVM starts or the queue recovers; even runs count from the first queued event, so that a
      // slow machine still has them die while queueing, sending or waiting for an answer.
      for (int run = 1; run <= KILLED_RUNS; run++) {
        Run child = start(queueDir, server, run, EVENTS_PER_RUN, "work");
        if (run % 2 == 0) {
          awaitFirstLine(child);
        }
        Thread.sleep(50 + random.nextInt(700));
        kill(child, enqueued);
      }

      Run drain = start(queueDir, server, KILLED_RUNS + 1, 0, "drain");
      assertThat(drain.process().waitFor(40, TimeUnit.SECONDS)).isTrue();
      drain.reader().join();
      assertThat(drain.lines()).as("drain output").contains("drained");
      assertThat(drain.process().exitValue()).isZero();

      Map<String, EventServer.Stored> stored = server.stored();
      assertThat(enqueued).as("events the children reported queued").hasSizeGreaterThan(100);
      assertThat(stored.keySet()).containsAll(enqueued.keySet());
      Map<String, String> idByEvent = new HashMap<>();
      for (Map.Entry<String, EventServer.Stored> entry : stored.entrySet()) {
        Map<?, ?> data = (Map<?, ?>) entry.getValue().data();
        String event = data.get("run") + " " + data.get("n");
        assertThat(((Number) data.get("run")).longValue()).isBetween(0L, (long) KILLED_RUNS);
        assertThat(((Number) data.get("n")).longValue()).isBetween(0L, EVENTS_PER_RUN - 1L);
        assertThat(idByEvent.put(event, entry.getKey()))
            .as("event %s stored under two ids", event)
            .isNull();
        if (enqueued.containsKey(entry.getKey())) {
          assertThat(enqueued.get(entry.getKey())).isEqualTo(event);
        }
      }
      // The batch whose answer was lost went again, unchanged, after the restart.
      assertThat(server.batchIds().stream().filter(unanswered::equals).count())
          .isGreaterThanOrEqualTo(2);
      System.out.printf(
          "crash test: %d events queued and reported, %d stored, %d received (%d duplicates)%n",
          enqueued.size(), stored.size(), server.received(), server.received() - stored.size());
    }
    // The runs filled several segments, so kills also hit rolls, deletions and rewrites.
    try (Stream<Path> files = Files.list(queueDir)) {
      assertThat(files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("events-")))
          .allMatch(n -> Long.parseLong(n.substring(7, 26)) >= 3);
    }
    try (DurableEventQueue queue =
        DurableEventQueue.open(queueDir, QueueCrashChild.LIMITS, Clock.systemUTC())) {
      assertThat(queue.depth()).isZero();
      assertThat(queue.nextBatch()).isEmpty();
    }
  }

  private Run start(Path queueDir, EventServer server, int run, int count, String mode)
      throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(
            java,
            "-Xmx128m",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            System.getProperty("java.class.path"),
            QueueCrashChild.class.getName(),
            queueDir.toString(),
            server.uri().toString(),
            Integer.toString(run),
            Integer.toString(count),
            mode);
    builder.redirectError(work.resolve("child-" + run + ".log").toFile());
    Process process = builder.start();
    List<String> lines = new ArrayList<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                  synchronized (lines) {
                    lines.add(line);
                  }
                }
              } catch (IOException e) {
                // The child was killed mid-line; what was read so far stands.
              }
            });
    reader.start();
    return new Run(process, lines, reader);
  }

  /** Waits until the child has queued its first event, or died. */
  private static void awaitFirstLine(Run child) {
    await("the child's first queued event")
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(5))
        .until(
            () -> {
              synchronized (child.lines()) {
                return !child.lines().isEmpty() || !child.process().isAlive();
              }
            });
  }

  /**
   * Kills the child and records the events it reported queued (a torn last line does not match).
   */
  private static void kill(Run child, Map<String, String> enqueued) throws InterruptedException {
    child.process().destroyForcibly();
    assertThat(child.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
    child.reader().join(10_000);
    synchronized (child.lines()) {
      for (String line : child.lines()) {
        Matcher matcher = ENQUEUED.matcher(line);
        if (matcher.matches()) {
          enqueued.put(matcher.group(3), matcher.group(1) + " " + matcher.group(2));
        }
      }
    }
  }
}
