package io.relayagent.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.relayagent.protocol.admin.AgentSummary;
import io.relayagent.protocol.agent.StatusReport;
import io.relayagent.protocol.json.Version;
import io.relayagent.protocol.repo.Catalog;
import io.relayagent.protocol.repo.CatalogEntry;
import io.relayagent.server.edge.EdgeRelay;
import io.relayagent.server.events.RecentEvent;
import io.relayagent.sitelist.HostPort;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsolePagesTest {
  private static final String HOSTILE =
      "<script>alert('x')</script>\"><img src=x onerror=alert(1)>";

  private static AgentSummary agent(String id, StatusReport.Mode mode, String relay) {
    return new AgentSummary(
        id,
        "2026-03-02T10:00:05Z",
        "127.0.0.1",
        mode,
        relay,
        "1.0.0",
        Version.of("\"p1\""),
        Version.of(3),
        "2026-03-02T10:00:00Z",
        2,
        null,
        null,
        null,
        null);
  }

  private static FleetSnapshot fleet(AgentSummary... agents) {
    return new FleetSnapshot(
        List.of(agents),
        List.of(),
        List.of(
            new EdgeRelay(
                new HostPort("edge.example.com", 8083), Instant.parse("2026-03-01T00:00:00Z"))),
        new Catalog(3L, List.of(new CatalogEntry("sig.dat", 10L, "ab".repeat(32), 3L))));
  }

  private static String html(HtmlPage page) {
    return new String(page.bytes(), StandardCharsets.UTF_8);
  }

  @Test
  void fleet_hostileAgentName_isShownAsTextOnly() {
    String html = html(FleetPages.fleet(fleet(agent(HOSTILE, StatusReport.Mode.RELAY, HOSTILE))));

    assertThat(html)
        .doesNotContain("<script")
        .doesNotContain("<img")
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;&gt;&lt;img src=x")
        .contains("relay &lt;script&gt;");
    // The link to its page carries the id percent-encoded, one path segment.
    assertThat(html)
        .contains("href=\"/console/agents/%3Cscript%3Ealert%28%27x%27%29%3C%2Fscript%3E");
  }

  @Test
  void fleet_eachRoute_isNamedAndRelaysLinked() {
    String html =
        html(
            FleetPages.fleet(
                fleet(
                    agent("agent-direct", StatusReport.Mode.DIRECT, null),
                    agent("agent-lan", StatusReport.Mode.RELAY, "relay-1"),
                    agent("agent-away", StatusReport.Mode.RELAY, "edge.example.com"))));

    assertThat(html)
        .contains("<td>direct</td>")
        .contains("<a href=\"/console/relays/relay-1\">relay relay-1</a>")
        .contains("<a href=\"/console/relays/edge.example.com\">edge relay edge.example.com</a>")
        .contains("<td>ok</td>")
        .contains("<td>v3</td>");
  }

  @Test
  void agent_hostileEventData_isShownAsText() {
    AgentSummary agent = agent("agent-1", StatusReport.Mode.DIRECT, null);
    RecentEvent event =
        new RecentEvent(
            "</td><script>x()</script>",
            "detection",
            "high",
            "2026-03-02T10:00:00Z",
            "2026-03-02T10:00:01Z",
            "{\"threat\":\"</td></tr></table><script>x()</script>\"}");

    String html = html(FleetPages.agent(fleet(agent), agent, List.of(event)));

    assertThat(html)
        .doesNotContain("<script")
        .contains("{&quot;threat&quot;:&quot;&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;script&gt;");
  }

  @Test
  void content_listsCatalogFilesAndAgentsByVersion() {
    String html =
        html(ContentPage.content(fleet(agent("agent-1", StatusReport.Mode.DIRECT, null))));

    assertThat(html)
        .contains("<td>sig.dat</td><td>3</td><td>10 B</td>")
        .contains("<td>v3</td><td>1</td>");
  }

  @Test
  void idIn_encodedId_decodesBackToItself() {
    for (String id : List.of("relay-1", "a/b c?d#e%f+g", HOSTILE)) {
      assertThat(ConsolePaths.idIn(ConsolePaths.relay(id), ConsolePaths.RELAYS)).contains(id);
    }
    assertThat(ConsolePaths.idIn("/console/relays/a/b", ConsolePaths.RELAYS)).isEmpty();
    assertThat(ConsolePaths.idIn("/console/relays/%zz", ConsolePaths.RELAYS)).isEmpty();
  }
}
