package io.relayagent.protocol.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.relayagent.protocol.json.MalformedJsonException;
import io.relayagent.protocol.json.ProtocolJson;
import io.relayagent.protocol.json.RawJson;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The event batch as the agent writes it and the server reads it (docs/server-protocol.md). */
class EventBatchTest {
  private static final String BATCH = "3f1c9a5e-8d2b-4f7a-9c61-0e5b2d4a7f10";
  private static final String ID = "6b0e1f3a-2c4d-4e5f-8a9b-0c1d2e3f4a5b";
  private static final String TIME = "2026-03-02T09:58:12Z";

  @Test
  void write_isTheDocumentedShape_withTheDataEmbeddedAsSent() {
    EventBatch batch =
        new EventBatch(
            BATCH,
            "agent \"7\"\n",
            List.of(
                new EventBatch.Event(
                    ID,
                    EventType.DETECTION,
                    EventPriority.HIGH,
                    TIME,
                    new RawJson("{\"file\":\"a\\\"b\"}"))));

    assertThat(ProtocolJson.writeString(batch))
        .isEqualTo(
            "{\"batchId\":\""
                + BATCH
                + "\",\"agentId\":\"agent \\\"7\\\"\\n\",\"events\":[{\"id\":\""
                + ID
                + "\",\"type\":\"detection\",\"priority\":\"high\",\"time\":\""
                + TIME
                + "\",\"data\":{\"file\":\"a\\\"b\"}}]}");
  }

  @Test
  void read_roundTrips_anyJsonValueAsData() throws MalformedJsonException {
    for (String data : List.of("{\"a\":[1,2.5,null]}", "\"text\"", "[1,2]", "7", "null")) {
      EventBatch batch =
          new EventBatch(
              BATCH,
              "a-1",
              List.of(
                  new EventBatch.Event(
                      ID, EventType.SAMPLE, EventPriority.LOW, TIME, new RawJson(data))));

      EventBatch read = ProtocolJson.read(ProtocolJson.write(batch), 1 << 20, EventBatch.class);

      assertThat(read).as(data).isEqualTo(batch);
    }
  }

  @Test
  void read_idsAreLowerCased() throws MalformedJsonException {
    EventBatch read = read(event("\"id\":\"" + ID.toUpperCase() + "\""));

    assertThat(read.events().get(0).id()).isEqualTo(ID);
  }

  @Test
  void read_badEvent_isRefusedNamingTheMember() {
    assertThatThrownBy(() -> read(event("\"priority\":\"urgent\"")))
        .isInstanceOf(MalformedJsonException.class)
        .hasMessage("events[0].priority: must be one of high, low, normal");
    assertThatThrownBy(() -> read(event("\"id\":\"not-a-uuid\"")))
        .hasMessage("events[0].id: must be a UUID");
    assertThatThrownBy(() -> read(event("\"time\":\"yesterday\"")))
        .hasMessage("events[0].time: must be an ISO-8601 date and time with an offset");
    assertThatThrownBy(() -> read(event("\"type\":null")))
        .hasMessage("events[0].type: is required (one of detection, sample, status)");
    assertThatThrownBy(() -> read(event("\"data\":1}],\"x\":{\"y\"")))
        .isInstanceOf(MalformedJsonException.class);
  }

  @Test
  void read_missingData_isRefused_butAnExplicitNullIsAValue() throws MalformedJsonException {
    String json =
        "{\"batchId\":\""
            + BATCH
            + "\",\"agentId\":\"a\",\"events\":[{\"id\":\""
            + ID
            + "\",\"type\":\"status\",\"priority\":\"low\",\"time\":\""
            + TIME
            + "\"%s}]}";

    assertThatThrownBy(() -> ProtocolJson.read(String.format(json, ""), 1 << 20, EventBatch.class))
        .hasMessage("events[0].data: is required (a JSON value)");
    assertThat(
            ProtocolJson.read(String.format(json, ",\"data\":null"), 1 << 20, EventBatch.class)
                .events()
                .get(0)
                .data())
        .isEqualTo(new RawJson("null"));
  }

  @Test
  void read_batchMembers_areChecked() {
    assertThatThrownBy(
            () ->
                ProtocolJson.read(
                    "{\"batchId\":\"" + BATCH + "\",\"agentId\":\"a\"}", 1000, EventBatch.class))
        .hasMessage("events: is required (an array)");
    assertThatThrownBy(
            () ->
                ProtocolJson.read(
                    "{\"batchId\":\"" + BATCH + "\",\"agentId\":\"\",\"events\":[]}",
                    1000,
                    EventBatch.class))
        .hasMessage("agentId: is required (a non-empty string)");
  }

  @Test
  void acknowledgement_readsTheIds_andRefusesAnythingElse() throws MalformedJsonException {
    assertThat(
            ProtocolJson.read(
                    "{\"acknowledged\":[\"a\",\"b\"],\"duplicates\":1}",
                    1000,
                    EventAcknowledgement.class)
                .acknowledged())
        .containsExactly("a", "b");
    for (String bad :
        List.of("", "[]", "{}", "{\"acknowledged\":\"a\"}", "{\"acknowledged\":[1]}", "<html>")) {
      assertThatThrownBy(() -> ProtocolJson.read(bad, 1000, EventAcknowledgement.class))
          .as(bad)
          .isInstanceOf(MalformedJsonException.class);
    }
  }

  /** A batch of one valid event with {@code member} replaced (or added). */
  private static String event(String member) {
    String name = member.substring(0, member.indexOf(':'));
    String event =
        "{\"id\":\""
            + ID
            + "\",\"type\":\"status\",\"priority\":\"low\",\"time\":\""
            + TIME
            + "\",\"data\":1}";
    event = event.replaceFirst(java.util.regex.Pattern.quote(name) + ":(\"[^\"]*\"|[0-9]+)", "");
    event = event.replace("{,", "{").replace(",,", ",").replace(",}", "}");
    event = event.substring(0, event.length() - 1) + "," + member + "}";
    return "{\"batchId\":\"" + BATCH + "\",\"agentId\":\"a\",\"events\":[" + event + "]}";
  }

  private static EventBatch read(String json) throws MalformedJsonException {
    return ProtocolJson.read(json, 1 << 20, EventBatch.class);
  }
}
