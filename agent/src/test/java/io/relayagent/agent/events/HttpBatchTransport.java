package io.relayagent.agent.events;

import io.relayagent.protocol.agent.EventAcknowledgement;
import io.relayagent.protocol.json.ProtocolJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

/** Sends batches over plain HTTP, as the agent's transport does over its route to the server. */
final class HttpBatchTransport implements BatchTransport {

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI uri;
  private final String agentId;
  private final Duration timeout;

  HttpBatchTransport(URI uri, String agentId, Duration timeout) {
    this.uri = uri;
    this.agentId = agentId;
    this.timeout = timeout;
  }

  @Override
  public Set<String> send(Batch batch) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("content-type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofByteArray(
                    ProtocolJson.write(batch.toMessage(agentId))))
            .build();
    HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IOException(
          "the server refused batch " + batch.batchId() + ": " + response.statusCode());
    }
    return new LinkedHashSet<>(
        ProtocolJson.read(response.body(), 1 << 20, EventAcknowledgement.class).acknowledged());
  }
}
