package io.relayagent.demo;

import io.relayagent.agent.events.DurableEventQueue;
import io.relayagent.config.EventQueuePolicy;
import io.relayagent.protocol.agent.EventPriority;
import io.relayagent.protocol.agent.EventType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Events the demo agent has to deliver: written to its durable queue before it starts, as a
 * detection engine would have while the server was unreachable.
 */
final class DemoEvents {
  static final int COUNT = 3;

  private DemoEvents() {}

  static void enqueueSamples(Path agentState) throws IOException {
    try (DurableEventQueue queue =
        DurableEventQueue.open(
            agentState.resolve("events"), EventQueuePolicy.defaults(), Clock.systemUTC())) {
      queue.enqueue(
          EventType.DETECTION,
          EventPriority.HIGH,
          "{\"threat\":\"EICAR-Test-File\",\"path\":\"/home/demo/eicar.com\",\"action\":\"quarantined\"}");
      queue.enqueue(
          EventType.STATUS, EventPriority.NORMAL, "{\"engine\":\"ok\",\"scansToday\":12}");
      Path sample =
          Files.writeString(
              agentState.resolve("suspicious.bin"),
              "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*");
      queue.enqueueSample(sample, EventPriority.LOW);
    }
  }
}
