package io.relayagent.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.relayagent.protocol.ServerPaths;
import io.relayagent.protocol.admin.ConsoleLink;
import io.relayagent.server.ServerFixture;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console over the server's real HTTPS listener, as a browser without a certificate. */
class ConsoleEndpointTest {
  @TempDir Path dir;
  private ServerFixture fixture;
  private HttpClient browser;

  @BeforeEach
  void start() throws Exception {
    fixture = ServerFixture.start(dir);
    browser = fixture.anonymous();
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  private String signIn() throws Exception {
    HttpResponse<String> login = fixture.get(browser, fixture.admin().consoleLink().path());
    assertThat(login.statusCode()).isEqualTo(303);
    String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
    return cookie.substring(0, cookie.indexOf(';'));
  }

  @Test
  void page_noCookie_answers401WithHowToSignIn() throws Exception {
    HttpResponse<String> page = fixture.get(browser, "/console/fleet");

    assertThat(page.statusCode()).isEqualTo(401);
    assertThat(page.body()).contains("relay-agent server console-link").doesNotContain("<nav>");
    assertThat(page.headers().firstValue("Content-Security-Policy"))
        .contains(ConsoleReplies.CONTENT_SECURITY_POLICY);
    assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
  }

  @Test
  void page_unknownCookie_answers401() throws Exception {
    HttpResponse<String> page =
        fixture.get(browser, "/console/fleet", "Cookie", ConsoleEndpoint.COOKIE + "=forged");

    assertThat(page.statusCode()).isEqualTo(401);
  }

  @Test
  void login_freshLink_setsAStrictSessionCookieAndRedirectsToTheFleet() throws Exception {
    ConsoleLink link = fixture.admin().consoleLink();
    assertThat(Instant.parse(link.expires()))
        .isBetween(Instant.now(), Instant.now().plus(ConsoleSessions.LINK_LIFETIME));

    HttpResponse<String> login = fixture.get(browser, link.path());

    assertThat(login.statusCode()).isEqualTo(303);
    assertThat(login.headers().firstValue("Location")).contains("/console/fleet");
    assertThat(login.headers().firstValue("Set-Cookie").orElseThrow())
        .startsWith(ConsoleEndpoint.COOKIE + "=")
        .contains("HTTPOnly", "Secure", "SameSite=Strict", "Path=/")
        .containsPattern("Max-Age=28[0-9]{3}");
  }

  @Test
  void login_reusedLink_answers401() throws Exception {
    String path = fixture.admin().consoleLink().path();
    assertThat(fixture.get(browser, path).statusCode()).isEqualTo(303);

    HttpResponse<String> again = fixture.get(browser, path);

    assertThat(again.statusCode()).isEqualTo(401);
    assertThat(again.headers().firstValue("Set-Cookie")).isEmpty();
    assertThat(again.body()).contains("was used already");
  }

  @Test
  void consoleLinks_withoutTheAdminToken_areRefused() throws Exception {
    HttpResponse<String> answer = fixture.post(browser, ServerPaths.ADMIN_CONSOLE_LINKS, "");

    assertThat(answer.statusCode()).isEqualTo(401);
  }

  @Test
  void fleet_withSession_listsAgentsAndTheirRoutes() throws Exception {
    fixture.postJson(
        fixture.agent("agent-1"), ServerPaths.STATUS, ServerFixture.directStatus("agent-1"));
    String cookie = signIn();

    HttpResponse<String> page = fixture.get(browser, "/console/fleet", "Cookie", cookie);

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
    assertThat(page.body())
        .contains("<a href=\"/console/agents/agent-1\">agent-1</a>")
        .contains("<td>direct</td>");
  }

  @Test
  void agent_hostileEventData_isShownAsText() throws Exception {
    fixture.postJson(
        fixture.agent("agent-1"), ServerPaths.STATUS, ServerFixture.directStatus("agent-1"));
    fixture.postJson(fixture.agent("agent-1"), ServerPaths.EVENTS, hostileBatch("agent-1"));
    String cookie = signIn();

    HttpResponse<String> page = fixture.get(browser, "/console/agents/agent-1", "Cookie", cookie);

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .doesNotContain("<script")
        .contains("&lt;/td&gt;&lt;script&gt;alert(1)&lt;/script&gt;");
  }

  @Test
  void everyPage_withSession_answers200() throws Exception {
    String cookie = signIn();

    for (String path : List.of("/console/relays", "/console/relays/relay-1", "/console/content")) {
      assertThat(fixture.get(browser, path, "Cookie", cookie).statusCode()).as(path).isEqualTo(200);
    }
    assertThat(fixture.get(browser, "/console/agents/nobody", "Cookie", cookie).statusCode())
        .isEqualTo(404);
  }

  @Test
  void consoleRoot_withSession_redirectsToTheFleet() throws Exception {
    String cookie = signIn();

    for (String path : List.of("/console", "/console/")) {
      HttpResponse<String> answer = fixture.get(browser, path, "Cookie", cookie);
      assertThat(answer.statusCode()).as(path).isEqualTo(303);
      assertThat(answer.headers().firstValue("Location")).contains("/console/fleet");
    }
    assertThat(fixture.get(browser, "/console").statusCode()).as("no session").isEqualTo(401);
  }

  @Test
  void logout_endsTheSessionAndClearsTheCookie() throws Exception {
    String cookie = signIn();

    HttpResponse<String> logout =
        browser.send(
            HttpRequest.newBuilder(fixture.uri("/console/logout"))
                .timeout(Duration.ofSeconds(10))
                .header("Cookie", cookie)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(logout.statusCode()).isEqualTo(200);
    assertThat(logout.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
    assertThat(fixture.get(browser, "/console/fleet", "Cookie", cookie).statusCode())
        .isEqualTo(401);
  }

  @Test
  void post_toAPage_isNotAllowed() throws Exception {
    HttpResponse<String> answer = fixture.post(browser, "/console/fleet", "");

    assertThat(answer.statusCode()).isEqualTo(405);
  }

  @Test
  void styleSheet_withoutSession_isServed() throws Exception {
    HttpResponse<String> css = fixture.get(browser, "/console/console.css");

    assertThat(css.statusCode()).isEqualTo(200);
    assertThat(css.headers().firstValue("Content-Type")).contains("text/css; charset=utf-8");
  }

  private static Map<String, Object> hostileBatch(String agentId) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("id", UUID.randomUUID().toString());
    event.put("type", "detection");
    event.put("priority", "high");
    event.put("time", "2026-03-02T10:00:00Z");
    event.put("data", Map.of("threat", "</td><script>alert(1)</script>"));
    Map<String, Object> batch = new LinkedHashMap<>();
    batch.put("batchId", UUID.randomUUID().toString());
    batch.put("agentId", agentId);
    batch.put("events", List.of(event));
    return batch;
  }
}
