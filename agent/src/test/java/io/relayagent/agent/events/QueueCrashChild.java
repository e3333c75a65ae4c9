package io.relayagent.agent.events;

import static org.awaitility.Awaitility.await;

import io.relayagent.config.EventQueuePolicy;
import io.relayagent.protocol.agent.EventPriority;
import io.relayagent.protocol.agent.EventType;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The agent side of {@link QueueCrashTest}, run in its own JVM so that it can be killed: queues
 * events while a sender thread delivers them, and prints {@code enqueued <run> <n> <id>} once each
 * {@code enqueue} has returned (the event is then on disk). In {@code drain} mode it only sends,
 * and prints {@code drained} when the queue is empty.
 *
 * <p>Arguments: queue directory, server URI, run number, events to queue, {@code work|drain}.
 */
public final class QueueCrashChild {

  // 4 MiB makes 64 KiB segments, about 60 of these 1 KiB events each: even a slow run fills
  // several, so kills also land while segments roll, are deleted and are rewritten. The quota
  // holds every event all runs can queue, so nothing is ever dropped.
  static final EventQueuePolicy LIMITS = new EventQueuePolicy(100_000, 4, 20);
  private static final String PADDING = "p".repeat(1000);

  private QueueCrashChild() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    HttpBatchTransport transport =
        new HttpBatchTransport(URI.create(args[1]), "crash-agent", Duration.ofSeconds(2));
    int run = Integer.parseInt(args[2]);
    int count = Integer.parseInt(args[3]);
    boolean drain = args[4].equals("drain");
    DurableEventQueue queue = DurableEventQueue.open(dir, LIMITS, Clock.systemUTC());
    EventUploader uploader = new EventUploader(queue);
    Thread sender = new Thread(() -> sendForever(uploader, transport), "sender");
    sender.setDaemon(true);
    sender.start();
    if (drain) {
      try {
        await().atMost(Duration.ofSeconds(20)).until(() -> queue.depth() == 0);
      } catch (ConditionTimeoutException e) {
        // reported below, with what is left
      }
      System.out.println(queue.depth() == 0 ? "drained" : "not drained: " + queue.depth());
      System.out.flush();
      queue.close();
      System.exit(queue.depth() == 0 ? 0 : 2);
    }
    Random pace = new Random(run);
    EventPriority[] priorities = EventPriority.values();
    for (int n = 0; n < count; n++) {
      String id =
          queue.enqueue(
              EventType.DETECTION,
              priorities[n % priorities.length],
              "{\"run\":" + run + ",\"n\":" + n + ",\"pad\":\"" + PADDING + "\"}");
      System.out.println("enqueued " + run + " " + n + " " + id);
      System.out.flush();
      if (pace.nextInt(4) == 0) {
        Thread.sleep(pace.nextInt(3));
      }
    }
    // Keep sending until the parent kills this JVM.
    Thread.sleep(Long.MAX_VALUE);
  }

  private static void sendForever(EventUploader uploader, BatchTransport transport) {
    while (true) {
      try {
        try {
          uploader.sendAll(transport);
        } catch (IOException e) {
          // The server was slow or the answer was lost: the batch stays and goes again.
        }
        Thread.sleep(5);
      } catch (InterruptedException e) {
        return;
      }
    }
  }
}
