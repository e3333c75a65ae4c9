package io.relayagent.agent.events;

import io.relayagent.json.JsonException;
import io.relayagent.json.JsonReader;
import io.relayagent.json.JsonWriter;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON of {@code POST /agent/v1/events} (docs/server-protocol.md): the request body for a
 * batch, and the ids the server's answer acknowledges.
 *
 * <pre>{@code
 * request:  {"batchId":"…","agentId":"…","events":[{"id":"…","type":"detection",
 *            "priority":"high","time":"2025-01-01T00:00:00Z","data":{…}}]}
 * response: {"acknowledged":["…"],"duplicates":0}
 * }</pre>
 */
public final class BatchJson {

  /** The server's path for event batches. */
  public static final String PATH = "/agent/v1/events";

  /** The longest answer read: every id of the largest batch, with room to spare. */
  private static final int MAX_RESPONSE_CHARS = 1 << 20;

  private BatchJson() {}

  /** The request body for a batch. */
  public static String encode(Batch batch, String agentId) {
    StringBuilder out = new StringBuilder(256);
    out.append("{\"batchId\":").append(JsonWriter.write(batch.batchId()));
    out.append(",\"agentId\":").append(JsonWriter.write(agentId));
    out.append(",\"events\":[");
    String separator = "";
    for (Event event : batch.events()) {
      out.append(separator).append("{\"id\":").append(JsonWriter.write(event.id()));
      out.append(",\"type\":").append(JsonWriter.write(event.type().wireName()));
      out.append(",\"priority\":").append(JsonWriter.write(event.priority().wireName()));
      out.append(",\"time\":").append(JsonWriter.write(event.time().toString()));
      // The data was checked to be one JSON value when it was queued; it goes out unchanged.
      out.append(",\"data\":").append(event.data()).append('}');
      separator = ",";
    }
    return out.append("]}").toString();
  }

  /**
   * The event ids the server's answer acknowledges.
   *
   * @throws IOException if the answer is not the expected JSON
   */
  public static Set<String> acknowledged(String responseBody) throws IOException {
    Map<String, Object> answer;
    try {
      answer = JsonReader.parseObject(responseBody, MAX_RESPONSE_CHARS);
    } catch (JsonException e) {
      throw new IOException(
          "the server's answer to an event batch is not JSON: " + e.getMessage(), e);
    }
    if (!(answer.get("acknowledged") instanceof List<?> ids)) {
      throw new IOException("the server's answer to an event batch has no \"acknowledged\" list");
    }
    Set<String> acknowledged = new LinkedHashSet<>();
    for (Object id : ids) {
      if (!(id instanceof String text)) {
        throw new IOException("the server acknowledged a non-string event id: " + id);
      }
      acknowledged.add(text);
    }
    return acknowledged;
  }
}
