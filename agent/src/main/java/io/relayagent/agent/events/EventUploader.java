package io.relayagent.agent.events;

import java.io.IOException;
import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the queue's events in batches over a {@link BatchTransport} and removes what the server
 * acknowledges. The queue's lock is not held while a batch is on the wire, so events can be queued
 * meanwhile. A batch that fails stays queued and goes again, unchanged, next time.
 *
 * <pre>{@code
 * BatchTransport transport = batch -> Set.copyOf(
 *     post(batch.toMessage(agentId)).acknowledged());   // EventBatch -> EventAcknowledgement
 * int delivered = new EventUploader(queue).sendAll(transport);
 * }</pre>
 */
public final class EventUploader {

  private static final Logger log = LoggerFactory.getLogger(EventUploader.class);

  private final DurableEventQueue queue;

  public EventUploader(DurableEventQueue queue) {
    this.queue = queue;
  }

  /**
   * Sends batches until the queue is empty. So that events queued faster than they can be sent do
   * not hold the caller forever, it stops after the batches that the events queued at the start
   * need, plus one.
   *
   * @return how many events the server acknowledged
   * @throws IOException if a batch could not be delivered, or the server acknowledged none of it
   */
  public synchronized int sendAll(BatchTransport transport)
      throws IOException, InterruptedException {
    long rounds = queue.depth() / queue.batchSize() + 2;
    int delivered = 0;
    for (long round = 0; round < rounds; round++) {
      Optional<Batch> next = queue.nextBatch();
      if (next.isEmpty()) {
        break;
      }
      Batch batch = next.get();
      Set<String> acknowledged = transport.send(batch);
      int removed = queue.acknowledge(batch, acknowledged);
      if (Collections.disjoint(acknowledged, batch.eventIds())) {
        throw new IOException(
            "the server acknowledged none of the "
                + batch.events().size()
                + " events of batch "
                + batch.batchId());
      }
      if (removed < batch.events().size()) {
        log.warn(
            "the server acknowledged {} of the {} events of batch {}; the rest go again",
            removed,
            batch.events().size(),
            batch.batchId());
      }
      delivered += removed;
    }
    return delivered;
  }
}
