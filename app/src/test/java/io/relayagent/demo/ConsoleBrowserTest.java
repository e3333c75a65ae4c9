package io.relayagent.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.relayagent.server.admin.AdminClient;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web console in a real headless browser: the demo runs (server, three relays, an agent that
 * fails over), an administrator gets login links from the admin API, and Chromium opens them over
 * HTTPS with the server's key pinned. The fleet page must list every agent with its route.
 *
 * <p>With {@code -Dconsole.screenshot=FILE} the fleet page's screenshot is also copied to FILE:
 * that is how {@code docs/console-fleet.png} is made (docs/console.md).
 */
class ConsoleBrowserTest {
  @TempDir Path dir;

  @Test
  void fleetPage_ofARunningDemo_listsEveryAgentWithItsRoute() throws Exception {
    Optional<HeadlessChromium> found =
        HeadlessChromium.find(Files.createDirectories(dir.resolve("chromium")));
    if (found.isEmpty()) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail("chromium is not installed, and CI=true: .ci/run installs it");
      }
      System.out.println("SKIPPED: chromium not installed (apt-get install chromium)");
      Assumptions.abort("chromium not installed");
    }
    HeadlessChromium chromium = found.get();
    try (Demo demo = Demo.start(dir.resolve("demo"), new PrintWriter(Writer.nullWriter()))) {
      DemoReport report = demo.run();
      assertThat(report.failoverRelay()).as("the demo's agent failed over").isNotNull();
      AdminClient admin = demo.world().adminClient();
      String server = "https://localhost:" + demo.world().server().port();
      String pin = HeadlessChromium.spkiPin(demo.world().server().certificate().orElseThrow());

      String dom = chromium.dumpDom(server + admin.consoleLink().path(), pin);

      assertThat(dom).contains("<h1>Fleet</h1>").contains("<table id=\"fleet\">");
      assertThat(row(dom, Demo.AGENT))
          .as("the agent's route: the relay it failed over to")
          .contains(
              "<a href=\"/console/relays/"
                  + report.failoverRelay()
                  + "\">relay "
                  + report.failoverRelay()
                  + "</a>");
      for (String relay : Demo.RELAYS) {
        assertThat(row(dom, relay)).as(relay + " reaches the server directly").contains(">direct<");
      }

      Path png = dir.resolve("console-fleet.png");
      chromium.screenshot(server + admin.consoleLink().path(), pin, png);
      assertThat(Arrays.copyOf(Files.readAllBytes(png), 8))
          .as("a PNG")
          .isEqualTo(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
      String keep = System.getProperty("console.screenshot");
      if (keep != null && !keep.isBlank()) {
        Files.copy(png, Path.of(keep), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  /** The fleet table's row of {@code agentId}, as the browser serialised it. */
  private static String row(String dom, String agentId) {
    String link = ">" + agentId + "</a></td>";
    List<String> rows =
        Arrays.stream(dom.split("<tr>"))
            .filter(r -> r.contains("/console/agents/" + agentId + "\"") && r.contains(link))
            .toList();
    assertThat(rows).as("one row of " + agentId + " in:\n" + dom).hasSize(1);
    return rows.get(0);
  }
}
