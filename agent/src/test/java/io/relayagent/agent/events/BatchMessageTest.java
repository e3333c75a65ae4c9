package io.relayagent.agent.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.relayagent.protocol.agent.EventBatch;
import io.relayagent.protocol.agent.EventPriority;
import io.relayagent.protocol.agent.EventType;
import io.relayagent.protocol.json.MalformedJsonException;
import io.relayagent.protocol.json.ProtocolJson;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A queued batch as the agent sends it: the event batch message, data embedded as queued. */
class BatchMessageTest {

  private static final Instant TIME = Instant.parse("2025-03-01T10:00:00.123Z");
  private static final String BATCH = "3f1c9a5e-8d2b-4f7a-9c61-0e5b2d4a7f10";
  private static final String E1 = "6b0e1f3a-2c4d-4e5f-8a9b-0c1d2e3f4a5b";
  private static final String E2 = "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a";

  @Test
  void toMessage_isTheAgreedShapeWithDataEmbeddedAsJson() throws MalformedJsonException {
    Batch batch =
        new Batch(
            BATCH,
            List.of(
                new Event(
                    E1, EventType.DETECTION, EventPriority.HIGH, TIME, "{\"file\":\"a\\\"b\"}"),
                new Event(E2, EventType.SAMPLE, EventPriority.LOW, TIME, "[1, 2.5e3, null]")));

    String json = ProtocolJson.writeString(batch.toMessage("agent \"7\"\n"));

    Map<?, ?> body = (Map<?, ?>) ProtocolJson.readValue(json, 1 << 20);
    assertThat(body.get("batchId")).isEqualTo(BATCH);
    assertThat(body.get("agentId")).isEqualTo("agent \"7\"\n");
    List<?> events = (List<?>) body.get("events");
    assertThat(events).hasSize(2);
    String time = "2025-03-01T10:00:00.123Z";
    assertThat(events.get(0))
        .isEqualTo(
            Map.of(
                "id",
                E1,
                "type",
                "detection",
                "priority",
                "high",
                "time",
                time,
                "data",
                Map.of("file", "a\"b")));
    assertThat(events.get(1))
        .isEqualTo(
            Map.of(
                "id",
                E2,
                "type",
                "sample",
                "priority",
                "low",
                "time",
                time,
                "data",
                Arrays.asList(1, 2500.0, null)));
    assertThat(json).contains("\"data\":[1, 2.5e3, null]");
  }

  @Test
  void toMessage_isWhatTheServerReads() throws MalformedJsonException {
    Batch batch =
        new Batch(BATCH, List.of(new Event(E1, EventType.STATUS, EventPriority.NORMAL, TIME, "7")));

    EventBatch read =
        ProtocolJson.read(
            ProtocolJson.write(batch.toMessage("agent-1")), 1 << 20, EventBatch.class);

    assertThat(read).isEqualTo(batch.toMessage("agent-1"));
    assertThat(read.events().get(0).time()).isEqualTo(TIME.toString());
  }
}
