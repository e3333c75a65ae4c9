package io.relayagent.agent.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.relayagent.json.JsonException;
import io.relayagent.json.JsonReader;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchJsonTest {

  private static final Instant TIME = Instant.parse("2025-03-01T10:00:00.123Z");

  @Test
  void encode_isTheAgreedShapeWithDataEmbeddedAsJson() throws JsonException {
    Batch batch =
        new Batch(
            "b-1",
            List.of(
                new Event(
                    "e-1", EventType.DETECTION, EventPriority.HIGH, TIME, "{\"file\":\"a\\\"b\"}"),
                new Event("e-2", EventType.SAMPLE, EventPriority.LOW, TIME, "[1, 2.5e3, null]")));

    Map<String, Object> body =
        JsonReader.parseObject(BatchJson.encode(batch, "agent \"7\"\n"), 1 << 20);

    assertThat(body).containsEntry("batchId", "b-1").containsEntry("agentId", "agent \"7\"\n");
    List<?> events = (List<?>) body.get("events");
    assertThat(events).hasSize(2);
    String time = "2025-03-01T10:00:00.123Z";
    assertThat(events.get(0))
        .isEqualTo(
            Map.of(
                "id",
                "e-1",
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
                "e-2",
                "type",
                "sample",
                "priority",
                "low",
                "time",
                time,
                "data",
                Arrays.asList(1L, 2500.0, null)));
  }

  @Test
  void acknowledged_readsTheIds() throws IOException {
    assertThat(BatchJson.acknowledged("{\"acknowledged\":[\"a\",\"b\"],\"duplicates\":1}"))
        .containsExactly("a", "b");
    assertThat(BatchJson.acknowledged(" {\"acknowledged\":[]} ")).isEmpty();
  }

  @Test
  void acknowledged_anythingElseIsAnError() {
    for (String bad :
        List.of("", "[]", "{}", "{\"acknowledged\":\"a\"}", "{\"acknowledged\":[1]}", "<html>")) {
      assertThatThrownBy(() -> BatchJson.acknowledged(bad)).as(bad).isInstanceOf(IOException.class);
    }
  }
}
