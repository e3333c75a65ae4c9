package io.relayagent.server.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.relayagent.server.ServerFixture;
import io.relayagent.server.ServerStartException;
import io.relayagent.testkit.ConsoleLog;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's SiteLists: the relays' list ({@code RelaySiteList.xml}), an agent's own ({@code
 * sitelists/<agent id>.xml}) and the base list, each to its hosts, and the server's own check that
 * the relays' list covers every agent's list, at start and on a live edit.
 */
class SiteListAssignmentTest {
  private static final String MGMT = site("SpipeSite", "mgmt", "127.0.0.1:443");
  private static final String REPO = site("HttpSite", "repo", "127.0.0.1:443");
  private static final String BRANCH = site("SpipeSite", "ah-branch", "ah2.example.com:443");

  @TempDir Path dir;
  private ServerFixture fixture;

  @AfterEach
  void stop() {
    if (fixture != null && fixture.server() != null) {
      fixture.close();
    }
  }

  @Test
  void siteList_relayAgentWithItsOwnListAndOtherAgent_eachGetsItsList() throws Exception {
    fixture = ServerFixture.prepare(dir);
    write("RelaySiteList.xml", siteLists(MGMT, REPO, BRANCH));
    write("sitelists/branch-7.xml", siteLists(MGMT, BRANCH));
    fixture.start();

    assertThat(get(fixture.relay("relay-1"))).contains("ah-branch", "repo");
    assertThat(get(fixture.agent("branch-7"))).contains("ah-branch").doesNotContain("\"repo\"");
    assertThat(get(fixture.agent("agent-1")))
        .isEqualTo(Files.readString(dir.resolve("SiteList.xml")));
  }

  @Test
  void siteList_editPuttingAnAgentsSiteOutsideTheRelaysList_isRefusedUntilTheRelaysListCoversIt()
      throws Exception {
    fixture = ServerFixture.prepare(dir);
    write("RelaySiteList.xml", siteLists(MGMT, REPO));
    write("sitelists/branch-7.xml", siteLists(MGMT));
    fixture.start();
    HttpClient branch = fixture.agent("branch-7");
    String before = get(branch);

    try (ConsoleLog log = ConsoleLog.capture()) {
      write("sitelists/branch-7.xml", siteLists(MGMT, BRANCH));

      assertThat(get(branch)).as("the last good list").isEqualTo(before);
      assertThat(String.join("\n", log.lines()))
          .contains("SiteLists refused: the relays' list RelaySiteList.xml does not cover")
          .contains("sitelists/branch-7.xml: ")
          .contains("ah-branch")
          .contains("ah2.example.com:443")
          .contains("the last good lists are still served");
    }

    write("RelaySiteList.xml", siteLists(MGMT, REPO, BRANCH));

    assertThat(get(branch)).contains("ah-branch");
    assertThat(get(fixture.relay("relay-1"))).contains("ah-branch");
  }

  @Test
  void siteList_relaysListEditDroppingASiteOfTheBaseList_isRefused() throws Exception {
    fixture = ServerFixture.prepare(dir);
    write("SiteList.xml", siteLists(MGMT, BRANCH));
    write("RelaySiteList.xml", siteLists(MGMT, BRANCH));
    fixture.start();
    String before = get(fixture.relay("relay-1"));

    write("RelaySiteList.xml", siteLists(MGMT, REPO));

    assertThat(get(fixture.relay("relay-1"))).isEqualTo(before).contains("ah-branch");
  }

  @Test
  void start_anAgentsListOutsideTheRelaysList_doesNotStartAndNamesTheFileAndSite()
      throws Exception {
    fixture = ServerFixture.prepare(dir);
    write("RelaySiteList.xml", siteLists(MGMT, REPO));
    write("sitelists/branch-7.xml", siteLists(MGMT, BRANCH));

    assertThatThrownBy(fixture::start)
        .isInstanceOf(ServerStartException.class)
        .hasMessageContaining("RelaySiteList.xml does not cover")
        .hasMessageContaining("sitelists/branch-7.xml: ")
        .hasMessageContaining("ah2.example.com:443");
  }

  private String get(HttpClient client) throws Exception {
    var response = fixture.get(client, "/agent/v1/sitelist");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response.body();
  }

  private void write(String name, String content) throws Exception {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  private static String site(String kind, String name, String server) {
    return "    <"
        + kind
        + (kind.equals("HttpSite") ? " Type=\"repository\"" : " Type=\"master\"")
        + " Name=\""
        + name
        + "\" Order=\"1\" Server=\""
        + server
        + "\" Enabled=\"1\" Local=\"0\"><RelativePath/></"
        + kind
        + ">\n";
  }

  private static String siteLists(String... sites) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<ns:SiteLists xmlns:ns=\"naSiteList\" Type=\"Client\" GlobalVersion=\"1\">\n"
        + "  <SiteList Default=\"1\" Name=\"SomeGUID\">\n"
        + String.join("", sites)
        + "  </SiteList>\n"
        + "</ns:SiteLists>\n";
  }
}
