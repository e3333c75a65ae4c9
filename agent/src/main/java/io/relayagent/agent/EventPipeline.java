package io.relayagent.agent;

import io.netty.handler.codec.http.HttpMethod;
import io.relayagent.agent.connect.Exchanges;
import io.relayagent.agent.events.DurableEventQueue;
import io.relayagent.agent.events.EventUploader;
import io.relayagent.config.EventQueuePolicy;
import io.relayagent.mesh.client.HttpSession;
import io.relayagent.protocol.ServerPaths;
import io.relayagent.protocol.agent.EventAcknowledgement;
import io.relayagent.protocol.json.MalformedJsonException;
import io.relayagent.protocol.json.ProtocolJson;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Map;

/**
 * The agent's events: the durable queue they are recorded in first, and their delivery in batches
 * over whatever session the ASCI opened (direct or through a relay). An event leaves the queue only
 * when the server has acknowledged it.
 */
final class EventPipeline implements AgentContext.EventSender, AutoCloseable {
  /** The longest answer read: every id of the largest batch, with room to spare. */
  private static final int MAX_ANSWER_BYTES = 1 << 20;

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
              Exchanges.await(
                  session.send(
                      HttpMethod.POST,
                      ServerPaths.EVENTS,
                      Map.of("content-type", "application/json"),
                      ProtocolJson.write(batch.toMessage(agentId))));
          if (response.status() != 200) {
            throw new IOException(
                "the server refused event batch " + batch.batchId() + ": " + response.status());
          }
          try {
            return new LinkedHashSet<>(
                ProtocolJson.read(response.body(), MAX_ANSWER_BYTES, EventAcknowledgement.class)
                    .acknowledged());
          } catch (MalformedJsonException e) {
            throw new IOException(
                "the server's answer to an event batch is not valid: " + e.getMessage(), e);
          }
        });
  }

  @Override
  public void close() throws IOException {
    queue.close();
  }
}
