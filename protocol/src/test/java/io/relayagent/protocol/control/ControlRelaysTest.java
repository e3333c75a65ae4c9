package io.relayagent.protocol.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.relayagent.protocol.json.MalformedJsonException;
import io.relayagent.protocol.json.ProtocolJson;
import java.util.List;
import org.junit.jupiter.api.Test;

class ControlRelaysTest {

  @Test
  void write_thenRead_keepsWhereTheRoundAsked() throws MalformedJsonException {
    ControlRelays answer =
        new ControlRelays(
            List.of(),
            new ControlDiscovery(
                true,
                8082,
                List.of(
                    new ControlDiscoveryTarget("eth0", "10.0.3.255"),
                    new ControlDiscoveryTarget(null, "255.255.255.255"))));

    String json = ProtocolJson.writeString(answer);

    assertThat(json)
        .isEqualTo(
            "{\"relays\":[],\"asked\":{\"enabled\":true,\"port\":8082,\"targets\":["
                + "{\"interfaceName\":\"eth0\",\"address\":\"10.0.3.255\"},"
                + "{\"interfaceName\":null,\"address\":\"255.255.255.255\"}]}}");
    assertThat(ProtocolJson.read(json, 10_000, ControlRelays.class)).isEqualTo(answer);
  }

  @Test
  void read_answerOfAnOlderAgentWithoutAsked_isARelaysAnswer() throws MalformedJsonException {
    assertThat(ProtocolJson.read("{\"relays\":[]}", 1000, ControlRelays.class).asked()).isNull();
  }

  @Test
  void read_targetWithoutAnAddress_isRefusedNamingTheMember() {
    assertThatThrownBy(
            () ->
                ProtocolJson.read(
                    "{\"relays\":[],\"asked\":{\"enabled\":true,\"port\":8082,"
                        + "\"targets\":[{\"interfaceName\":\"lo\"}]}}",
                    1000,
                    ControlRelays.class))
        .isInstanceOf(MalformedJsonException.class)
        .hasMessageContaining("address");
  }
}
