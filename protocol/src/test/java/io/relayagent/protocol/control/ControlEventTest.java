package io.relayagent.protocol.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.relayagent.protocol.agent.EventPriority;
import io.relayagent.protocol.agent.EventType;
import io.relayagent.protocol.json.MalformedJsonException;
import io.relayagent.protocol.json.ProtocolJson;
import org.junit.jupiter.api.Test;

class ControlEventTest {

  @Test
  void write_thenRead_keepsTheDataAsText() throws MalformedJsonException {
    ControlEvent event =
        new ControlEvent(EventType.DETECTION, EventPriority.HIGH, "{\"a\": [1, 2]}\n", null);

    String json = ProtocolJson.writeString(event);

    assertThat(json).doesNotContain("\n").contains("\"data\":\"{\\\"a\\\": [1, 2]}\\n\"");
    assertThat(ProtocolJson.read(json, 4096, ControlEvent.class)).isEqualTo(event);
  }

  @Test
  void new_sampleWithoutFile_isRefused() {
    assertThatThrownBy(() -> new ControlEvent(EventType.SAMPLE, EventPriority.LOW, null, null))
        .hasMessage("file: is required for a sample event");
  }

  @Test
  void new_fileWithAnotherType_isRefused() {
    assertThatThrownBy(
            () -> new ControlEvent(EventType.STATUS, EventPriority.LOW, "{}", "/tmp/sample"))
        .hasMessage("file: goes only with a sample event, not a status");
  }

  @Test
  void new_sampleWithData_isRefused() {
    assertThatThrownBy(
            () -> new ControlEvent(EventType.SAMPLE, EventPriority.LOW, "{}", "/tmp/sample"))
        .hasMessageStartingWith("data: goes with no sample");
  }

  @Test
  void read_eventWithoutData_isRefused() {
    assertThatThrownBy(
            () ->
                ProtocolJson.read(
                    "{\"type\":\"status\",\"priority\":\"low\"}", 4096, ControlEvent.class))
        .isInstanceOf(MalformedJsonException.class)
        .hasMessageContaining("data: is required");
  }
}
