package io.relayagent.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.relayagent.trust.JdkClientTls;
import io.relayagent.trust.Role;
import io.relayagent.trust.TlsContexts;
import io.relayagent.trust.TrustFiles;
import io.relayagent.trust.TrustMaterial;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web console of a running demo (server, three relays, an agent that failed over), signed in
 * with login links from the admin API. The fleet page is opened in a real headless browser,
 * Chromium, over HTTPS with the server's key pinned; it must list every agent with its route.
 *
 * <p>With {@code -Dconsole.screenshot=FILE} the fleet page's screenshot is also copied to FILE:
 * that is how {@code docs/console-fleet.png} is made (docs/console.md).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserTest {
  @TempDir static Path dir;
  private Demo demo;
  private DemoReport report;
  private String server;

  @BeforeAll
  void runTheDemo() throws Exception {
    demo = Demo.start(dir.resolve("demo"), new PrintWriter(Writer.nullWriter()));
    report = demo.run();
    assertThat(report.failoverRelay()).as("the demo's agent failed over").isNotNull();
    server = "https://localhost:" + demo.world().server().port();
  }

  @AfterAll
  void stopTheDemo() {
    if (demo != null) {
      demo.close();
    }
  }

  @Test
  void fleetPage_inChromium_listsEveryAgentWithItsRoute() throws Exception {
    HeadlessChromium chromium = chromium();
    String pin = HeadlessChromium.spkiPin(demo.world().server().certificate().orElseThrow());

    String dom = chromium.dumpDom(loginLink(), pin);

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
    chromium.screenshot(loginLink(), pin, png);
    assertThat(Arrays.copyOf(Files.readAllBytes(png), 8))
        .as("a PNG")
        .isEqualTo(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    String keep = System.getProperty("console.screenshot");
    if (keep != null && !keep.isBlank()) {
      Files.copy(png, Path.of(keep), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  @Test
  void relaysPage_showsEachRelayRunningWithTheAgentsBehindIt() throws Exception {
    JdkClientTls tls =
        TlsContexts.forJdkClient(
            TrustMaterial.load(TrustFiles.trusting(demo.world().caDirectory().resolve("ca.pem"))),
            Role.SERVER);
    HttpClient browser =
        HttpClient.newBuilder().sslContext(tls.context()).sslParameters(tls.parameters()).build();
    HttpResponse<String> login = get(browser, loginLink(), null);
    String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];

    String page = get(browser, server + "/console/relays", cookie).body();

    for (String relay : Demo.RELAYS) {
      String behind = relay.equals(report.failoverRelay()) ? "1" : "0";
      assertThat(row(page, relay, "relays"))
          .as(relay)
          .containsPattern("<td>running</td><td>" + behind + "</td>");
    }
  }

  private String loginLink() throws Exception {
    return server + demo.world().adminClient().consoleLink().path();
  }

  private static HttpResponse<String> get(HttpClient client, String url, String cookie)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
    if (cookie != null) {
      request.header("Cookie", cookie);
    }
    return client.send(
        request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Chromium, or the test is skipped (outside CI) or failed (under CI=true). */
  private HeadlessChromium chromium() throws Exception {
    Optional<HeadlessChromium> found =
        HeadlessChromium.find(Files.createDirectories(dir.resolve("chromium")));
    if (found.isEmpty()) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail("chromium is not installed, and CI=true: .ci/run installs it");
      }
      System.out.println("SKIPPED: chromium not installed (apt-get install chromium)");
      Assumptions.abort("chromium not installed");
    }
    return found.get();
  }

  private static String row(String html, String agentId) {
    return row(html, agentId, "agents");
  }

  /** The table row whose first cell links to {@code id}'s page under {@code /console/KIND/}. */
  private static String row(String html, String id, String kind) {
    String link = "<a href=\"/console/" + kind + "/" + id + "\">" + id + "</a></td>";
    List<String> rows =
        Arrays.stream(html.split("<tr>")).filter(r -> r.startsWith("<td>" + link)).toList();
    assertThat(rows).as("one row of " + id + " in:\n" + html).hasSize(1);
    return rows.get(0);
  }
}
