package io.relayagent.protocol.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.relayagent.protocol.json.MalformedJsonException;
import io.relayagent.protocol.json.ProtocolJson;
import org.junit.jupiter.api.Test;

class ConsoleLinkTest {

  @Test
  void consoleLink_roundTrip_keepsItsMembers() throws MalformedJsonException {
    ConsoleLink link = new ConsoleLink("/console/login?link=abc", "2026-03-02T10:05:00Z");

    String json = ProtocolJson.writeString(link);

    assertThat(json)
        .isEqualTo("{\"path\":\"/console/login?link=abc\",\"expires\":\"2026-03-02T10:05:00Z\"}");
    assertThat(ProtocolJson.read(json, 1000, ConsoleLink.class)).isEqualTo(link);
  }

  @Test
  void consoleLink_pathOutsideTheConsole_isRefused() {
    assertThatThrownBy(
            () ->
                ProtocolJson.read(
                    "{\"path\":\"https://evil.example/\",\"expires\":\"2026-03-02T10:05:00Z\"}",
                    1000,
                    ConsoleLink.class))
        .isInstanceOf(MalformedJsonException.class)
        .hasMessageContaining("path: must start with /console/");
  }

  @Test
  void consoleLink_expiryNotATime_isRefused() {
    assertThatThrownBy(() -> new ConsoleLink("/console/login?link=abc", "soon"))
        .hasMessageContaining("expires: must be an ISO-8601 date and time with an offset");
  }
}
