package io.relayagent.bench.soak;

import io.relayagent.agent.events.DurableEventQueue;
import io.relayagent.config.EventQueuePolicy;
import io.relayagent.protocol.agent.EventPriority;
import io.relayagent.protocol.agent.EventType;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Gives agents events to deliver, the way a detection engine on the host would: written into the
 * agent's own durable queue ({@code STATE/events}) with the production {@link DurableEventQueue},
 * while the agent is not running (the queue is one process's at a time: the running agent holds its
 * lock). There is no command that queues an event into a running agent, so the soak feeds an agent
 * before its first start and each time the chaos loop has killed it, before its restart. Every id
 * is remembered (and written to {@code sent.csv}) for the audit against the server's store.
 */
final class EventFeeder {
  private static final EventType[] TYPES = {EventType.DETECTION, EventType.STATUS};
  private static final EventPriority[] PRIORITIES = EventPriority.values();

  private final int eventsPerFeed;
  private final Path sentFile;
  private final EventAudit.Builder audit;
  private long sequence;
  private long sent;

  /**
   * @param audit where each event queued is recorded as sent
   */
  EventFeeder(int eventsPerFeed, Path sentFile, EventAudit.Builder audit) {
    this.eventsPerFeed = eventsPerFeed;
    this.sentFile = sentFile;
    this.audit = audit;
  }

  /**
   * Queues {@code eventsPerFeed} events into the stopped agent's queue; returns how many.
   *
   * @throws IOException if the queue cannot be opened (the agent still running holds it)
   */
  synchronized int feed(String agentId, Path stateDirectory) throws IOException {
    List<String> ids = new ArrayList<>(eventsPerFeed);
    try (DurableEventQueue queue =
        DurableEventQueue.open(
            stateDirectory.resolve("events"), EventQueuePolicy.defaults(), Clock.systemUTC())) {
      for (int i = 0; i < eventsPerFeed; i++) {
        long n = ++sequence;
        String data =
            String.format(
                Locale.ROOT,
                "{\"soak\":%d,\"agent\":\"%s\",\"threat\":\"Soak-Test-%d\",\"path\":\"/tmp/soak/%d.bin\"}",
                n,
                agentId,
                n % 97,
                n);
        ids.add(
            queue.enqueue(
                TYPES[(int) (n % TYPES.length)], PRIORITIES[(int) (n % PRIORITIES.length)], data));
      }
    }
    try (Writer out =
        Files.newBufferedWriter(
            sentFile,
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE,
            StandardOpenOption.APPEND)) {
      for (String id : ids) {
        audit.sent(agentId, id);
        out.write(agentId + "," + id + "\n");
      }
    }
    sent += ids.size();
    return ids.size();
  }

  synchronized long sent() {
    return sent;
  }
}
