package io.relayagent.protocol.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.relayagent.protocol.json.MalformedJsonException;
import io.relayagent.protocol.json.ProtocolJson;
import io.relayagent.protocol.json.Version;
import org.junit.jupiter.api.Test;

class StatusReportTest {
  private static final String TIME = "2026-03-02T10:00:00+01:00";

  @Test
  void write_thenRead_keepsStringAndNumberVersions() throws MalformedJsonException {
    StatusReport report =
        new StatusReport(
            "laptop-042",
            "0.1.0",
            Version.of("\"kq2S\""),
            Version.of(7),
            StatusReport.Mode.RELAY,
            "relay-3",
            true,
            TIME,
            "2027-03-02T10:00:00Z",
            "ab12",
            "2026-03-02T09:30:00Z",
            null);

    String json = ProtocolJson.writeString(report);

    assertThat(json)
        .isEqualTo(
            "{\"agentId\":\"laptop-042\",\"agentVersion\":\"0.1.0\",\"policyVersion\":"
                + "\"\\\"kq2S\\\"\",\"contentVersion\":7,\"mode\":\"relay\",\"relay\":\"relay-3\","
                + "\"relayCapability\":true,\"time\":\""
                + TIME
                + "\",\"certificateExpires\":\"2027-03-02T10:00:00Z\",\"certificateRoot\":\"ab12\","
                + "\"relayCapabilityStoppedLocally\":\"2026-03-02T09:30:00Z\","
                + "\"relayStatistics\":null}");
    assertThat(ProtocolJson.read(json, 1000, StatusReport.class)).isEqualTo(report);
  }

  @Test
  void read_modeAndRelayMustAgree() {
    assertThatThrownBy(() -> read("\"mode\":\"relay\""))
        .isInstanceOf(MalformedJsonException.class)
        .hasMessage("relay: is required when mode is relay");
    assertThatThrownBy(() -> read("\"mode\":\"direct\",\"relay\":\"r\""))
        .hasMessage("relay: must be null when mode is direct");
    assertThatThrownBy(() -> read("\"mode\":\"proxy\""))
        .hasMessage("mode: must be one of direct, relay");
  }

  @Test
  void read_relayCapabilityStoppedLocallyNotATime_isRefused() {
    assertThatThrownBy(() -> read("\"mode\":\"direct\",\"relayCapabilityStoppedLocally\":\"yes\""))
        .isInstanceOf(MalformedJsonException.class)
        .hasMessage(
            "relayCapabilityStoppedLocally: must be an ISO-8601 date and time with an offset");
  }

  @Test
  void read_versionOfAnotherType_isRefused() {
    assertThatThrownBy(() -> read("\"mode\":\"direct\",\"contentVersion\":1.5"))
        .hasMessage("contentVersion: must be a string or an integer");
    assertThatThrownBy(() -> read("\"mode\":\"direct\",\"policyVersion\":{}"))
        .hasMessage("policyVersion: must be a string or an integer");
  }

  @Test
  void read_optionalMembersAbsent_isAReport() throws MalformedJsonException {
    StatusReport report = read("\"mode\":\"direct\"");

    assertThat(report.policyVersion()).isNull();
    assertThat(report.relayCapability()).isNull();
    assertThat(report.relayCapabilityStoppedLocally()).isNull();
  }

  private static StatusReport read(String members) throws MalformedJsonException {
    return ProtocolJson.read(
        "{\"agentId\":\"a\",\"agentVersion\":\"1\",\"time\":\"" + TIME + "\"," + members + "}",
        1000,
        StatusReport.class);
  }
}
