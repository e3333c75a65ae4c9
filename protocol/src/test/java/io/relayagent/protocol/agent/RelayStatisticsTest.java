package io.relayagent.protocol.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.relayagent.protocol.json.MalformedJsonException;
import io.relayagent.protocol.json.ProtocolJson;
import io.relayagent.protocol.json.Version;
import java.util.List;
import org.junit.jupiter.api.Test;

class RelayStatisticsTest {
  private static final String TIME = "2026-03-02T10:00:00Z";

  private static RelayStatistics statistics() {
    return new RelayStatistics(
        TIME,
        12,
        3,
        40,
        List.of(
            new RelayStatistics.Refused("forbidden", 2), new RelayStatistics.Refused("busy", 5)),
        1_000,
        50_000,
        7,
        1,
        700_000,
        100_000,
        600_000);
  }

  @Test
  void statusReport_withStatistics_roundTripsAsNestedMembers() throws MalformedJsonException {
    StatusReport report =
        new StatusReport(
            "relay-1",
            "0.1.0",
            Version.of(1),
            Version.of(2),
            StatusReport.Mode.DIRECT,
            null,
            true,
            TIME,
            null,
            null,
            null,
            statistics());

    String json = ProtocolJson.writeString(report);

    assertThat(json)
        .contains(
            "\"relayStatistics\":{\"since\":\"" + TIME + "\",\"agentsServed\":12",
            "\"refused\":[{\"reason\":\"forbidden\",\"count\":2},{\"reason\":\"busy\",\"count\":5}]",
            "\"bandwidthSaved\":600000}")
        .doesNotContain("refusedTotal");
    assertThat(ProtocolJson.read(json, 4096, StatusReport.class)).isEqualTo(report);
    assertThat(report.relayStatistics().refusedTotal()).isEqualTo(7);
  }

  @Test
  void read_negativeCounter_isRefusedNamingIt() {
    String json =
        ProtocolJson.writeString(statistics())
            .replace("\"tunnelsOpened\":40", "\"tunnelsOpened\":-1");

    assertThatThrownBy(() -> ProtocolJson.read(json, 4096, RelayStatistics.class))
        .isInstanceOf(MalformedJsonException.class)
        .hasMessageContaining("tunnelsOpened: must not be negative");
  }

  @Test
  void read_tooManyReasons_isRefused() {
    String reasons =
        "["
            + "{\"reason\":\"r\",\"count\":1},".repeat(RelayStatistics.MAX_REASONS)
            + "{\"reason\":\"r\",\"count\":1}]";
    String json =
        ProtocolJson.writeString(statistics())
            .replaceFirst("\"refused\":\\[[^\\]]*\\]", "\"refused\":" + reasons);

    assertThatThrownBy(() -> ProtocolJson.read(json, 8192, RelayStatistics.class))
        .hasMessageContaining("refused: has more than 16 reasons");
  }
}
