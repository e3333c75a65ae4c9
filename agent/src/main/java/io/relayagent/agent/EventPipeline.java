package io.relayagent.agent;

import io.netty.handler.codec.http.HttpMethod;
import io.relayagent.agent.events.BatchJson;
import io.relayagent.agent.events.DurableEventQueue;
import io.relayagent.agent.events.EventUploader;
import io.relayagent.config.EventQueuePolicy;
import io.relayagent.mesh.client.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * The agent's events: the durable queue they are recorded in first, and their delivery in batches
 * over whatever session the ASCI opened (direct or through a relay). An event leaves the queue only
 * when the server has acknowledged it.
 */
final class EventPipeline implements AgentContext.EventSender, AutoCloseable {

  private final DurableEventQueue queue;
  private final EventUploader uploader;
  private final String agentId;

  private EventPipeline(DurableEventQueue queue, String agentId) {
    this.queue = queue;
    this.uploader = new EventUploader(queue);
    this.agentId = agentId;
  }

  static EventPipeline open(Path directory, EventQueuePolicy limits, String agentId, Clock clock)
      throws IOException {
    return new EventPipeline(DurableEventQueue.open(directory, limits, clock), agentId);
  }

  DurableEventQueue queue() {
    return queue;
  }

  @Override
  public int sendAll(HttpSession session) throws IOException, InterruptedException {
    return uploader.sendAll(
        batch -> {
          HttpSession.Response response =
              AsciCycle.await(
                  session.send(
                      HttpMethod.POST,
                      BatchJson.PATH,
                      Map.of("content-type", "application/json"),
                      BatchJson.encode(batch, agentId).getBytes(StandardCharsets.UTF_8)));
          if (response.status() != 200) {
            throw new IOException(
                "the server refused event batch " + batch.batchId() + ": " + response.status());
          }
          return BatchJson.acknowledged(new String(response.body(), StandardCharsets.UTF_8));
        });
  }

  @Override
  public void close() throws IOException {
    queue.close();
  }
}
