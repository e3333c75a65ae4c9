package io.relayagent.protocol.wakeup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.relayagent.protocol.json.MalformedJsonException;
import io.relayagent.protocol.json.ProtocolJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WakeupMessagesTest {

  @Test
  void wakeup_roundTrip_keepsItsMembers() throws MalformedJsonException {
    Wakeup wakeup =
        new Wakeup(List.of("laptop-042"), "0123456789abcdef0123", "2026-03-02T10:05:00Z");

    String json = ProtocolJson.writeString(wakeup);

    assertThat(json)
        .isEqualTo(
            "{\"agents\":[\"laptop-042\"],\"nonce\":\"0123456789abcdef0123\","
                + "\"expires\":\"2026-03-02T10:05:00Z\"}");
    assertThat(ProtocolJson.read(json, 1000, Wakeup.class)).isEqualTo(wakeup);
    assertThat(wakeup.expiry()).isEqualTo(Instant.parse("2026-03-02T10:05:00Z"));
  }

  @Test
  void wakeup_shortNonce_isRefused() {
    assertThatThrownBy(
            () ->
                ProtocolJson.read(
                    "{\"agents\":[\"a\"],\"nonce\":\"short\",\"expires\":\"2026-03-02T10:05:00Z\"}",
                    1000,
                    Wakeup.class))
        .isInstanceOf(MalformedJsonException.class)
        .hasMessageContaining("nonce: must have at least 16 characters");
  }

  @Test
  void wakeup_noAgentOrTooMany_isRefused() {
    assertThatThrownBy(() -> new Wakeup(List.of(), "0123456789abcdef0123", "2026-03-02T10:05:00Z"))
        .hasMessage("agents: must name 1 to 100 agents");
    List<String> many = java.util.stream.IntStream.range(0, 101).mapToObj(i -> "a" + i).toList();
    assertThatThrownBy(() -> new Wakeup(many, "0123456789abcdef0123", "2026-03-02T10:05:00Z"))
        .hasMessage("agents: must name 1 to 100 agents");
  }

  @Test
  void signedWakeup_roundTrip_keepsTheBytes() throws MalformedJsonException {
    byte[] bytes = "{\"x\":1}".getBytes(StandardCharsets.UTF_8);
    SignedWakeup signed = SignedWakeup.of(bytes, new byte[] {1, 2, 3}, List.of(new byte[] {4, 5}));

    SignedWakeup read =
        ProtocolJson.read(ProtocolJson.write(signed), SignedWakeup.MAX_BYTES, SignedWakeup.class);

    assertThat(read).isEqualTo(signed);
    assertThat(read.wakeupBytes()).isEqualTo(bytes);
    assertThat(read.signatureBytes()).containsExactly(1, 2, 3);
    assertThat(read.chainBytes()).singleElement().isEqualTo(new byte[] {4, 5});
  }

  @Test
  void signedWakeup_notBase64OrNoChain_isRefused() {
    assertThatThrownBy(
            () ->
                ProtocolJson.read(
                    "{\"wakeup\":\"e30=\",\"signature\":\"%%\",\"chain\":[\"AA==\"]}",
                    1000, SignedWakeup.class))
        .hasMessageContaining("signature: must be base64");
    assertThatThrownBy(
            () ->
                ProtocolJson.read(
                    "{\"wakeup\":\"e30=\",\"signature\":\"AA==\",\"chain\":[]}",
                    1000,
                    SignedWakeup.class))
        .hasMessageContaining("chain: must hold 1 to 4 certificates");
  }

  @Test
  void wakeupRequest_agentsOrAll_notBothNorNeither() throws MalformedJsonException {
    assertThat(ProtocolJson.read("{\"agents\":[\"a\",\"b\"]}", 1000, WakeupRequest.class).agents())
        .containsExactly("a", "b");
    assertThat(ProtocolJson.read("{\"all\":true}", 1000, WakeupRequest.class).all()).isTrue();
    assertThatThrownBy(() -> ProtocolJson.read("{}", 1000, WakeupRequest.class))
        .hasMessageContaining("name agents, or set all to true, not both");
    assertThatThrownBy(
            () -> ProtocolJson.read("{\"agents\":[\"a\"],\"all\":true}", 1000, WakeupRequest.class))
        .hasMessageContaining("not both");
  }

  @Test
  void wakeupReport_roundTrip_namesEachOutcome() throws MalformedJsonException {
    WakeupReport report =
        new WakeupReport(
            "2026-03-02T10:00:00Z",
            List.of(
                new WakeupResult("a", WakeupOutcome.DELIVERED, "2026-03-02T09:00:00Z"),
                new WakeupResult("b", WakeupOutcome.UNKNOWN, null)));

    String json = ProtocolJson.writeString(report);

    assertThat(json).contains("\"outcome\":\"delivered\"").contains("\"outcome\":\"unknown\"");
    assertThat(ProtocolJson.read(json, 10_000, WakeupReport.class)).isEqualTo(report);
  }
}
