package io.relayagent.cli.sitelist;

import static org.assertj.core.api.Assertions.assertThat;

import io.relayagent.cli.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SitelistCommandTest {

  @TempDir Path dir;

  @Test
  void check_relayIsSuperset_exits0() throws IOException {
    Path relay =
        siteList("relay.xml", site("epo", "epo.example.com:443"), site("ah", "ah.example.com:443"));
    Path agent = siteList("agent.xml", site("epo", "EPO.example.com.:443"));

    CliRun run = CliRun.run("sitelist", "check", "--relay", relay.toString(), agent.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .startsWith("OK: " + relay + " covers every enabled site of 1 agent list(s)");
  }

  @Test
  void check_siteMissing_exits1NamingTheSiteAndItsList() throws IOException {
    Path relay = siteList("relay.xml", site("epo", "epo.example.com:443"));
    Path first = siteList("first.xml", site("epo", "epo.example.com:443"));
    Path second = siteList("second.xml", site("ah", "ah.example.com:8443"));

    CliRun run =
        CliRun.run(
            "sitelist", "check", "--relay", relay.toString(), first.toString(), second.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out())
        .contains(second + "  SpipeSite  ah    ah.example.com:8443")
        .doesNotContain(first.toString())
        .contains("MISSING: " + relay + " lacks 1 site(s)");
  }

  @Test
  void check_help_saysWhichFileIsTheRelaysAndWhichTheAgents() {
    CliRun run = CliRun.run("sitelist", "check", "--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out().replaceAll("\\s+", " "))
        .contains("--relay=RELAY.xml The relay's own SiteList.xml")
        .contains("AGENT.xml... The SiteList.xml files of the agents that use this relay");
  }

  @Test
  void check_json_isMachineReadable() throws IOException {
    Path relay = siteList("relay.xml", site("epo", "epo.example.com:443"));
    Path agent = siteList("agent.xml", site("ah", "ah.example.com:443"));

    CliRun run =
        CliRun.run("sitelist", "check", "--json", "--relay", relay.toString(), agent.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out().trim())
        .isEqualTo(
            "{\"relay\":\""
                + relay
                + "\",\"superset\":false,\"missing\":[{\"agentList\":\""
                + agent
                + "\",\"kind\":\"SpipeSite\",\"name\":\"ah\",\"server\":\"ah.example.com:443\","
                + "\"missingEndpoints\":[\"ah.example.com:443\"]}]}");
  }

  @Test
  void check_invalidAgentFile_exits2WithLocatedProblem() throws IOException {
    Path relay = siteList("relay.xml", site("epo", "epo.example.com:443"));
    Path agent = siteList("agent.xml", site("epo", "epo.example.com:70000"));

    CliRun run = CliRun.run("sitelist", "check", "--relay", relay.toString(), agent.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith(agent + ":3:").contains("port 70000 is out of range");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void check_unreadableRelayFile_exits2() {
    CliRun run =
        CliRun.run("sitelist", "check", "--relay", dir.resolve("none.xml").toString(), "x.xml");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("none.xml:0:0: file not found")
        .contains("x.xml:0:0: file not found");
  }

  @Test
  void show_listsSitesInConnectionOrder() throws IOException {
    Path file =
        siteList(
            "list.xml",
            "<HttpSite Name='repo' Order='2' Server='repo.example.com:8443' Enabled='0'/>",
            "<SpipeSite Name='epo' Order='1' Server='epo.example.com:443' ServerIP='10.0.0.5'/>");

    CliRun run = CliRun.run("sitelist", "show", file.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.out().lines())
        .containsExactly(
            "LIST  ORDER  KIND       NAME  TYPE  ENABLED  ENDPOINTS",
            "l     1      SpipeSite  epo   -     yes      epo.example.com:443, 10.0.0.5:443",
            "l     2      HttpSite   repo  -     no       repo.example.com:8443");
  }

  @Test
  void show_json_neverPrintsPasswords() throws IOException {
    Path file =
        siteList(
            "list.xml",
            "<FTPSite Name='ftp' Order='1' Server='ftp.example.com'><UserName>u</UserName>"
                + "<Password Encrypted='0'>hunter2</Password></FTPSite>");

    CliRun run = CliRun.run("sitelist", "show", "--json", file.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("\"endpoints\":[\"ftp.example.com:21\"]")
        .doesNotContain("hunter2");
  }

  private static String site(String name, String server) {
    return "<SpipeSite Name='" + name + "' Order='1' Server='" + server + "' Enabled='1'/>";
  }

  private Path siteList(String name, String... sites) throws IOException {
    String xml =
        "<ns:SiteLists xmlns:ns='naSiteList'>\n<SiteList Default='1' Name='l'>\n"
            + String.join("\n", sites)
            + "\n</SiteList>\n</ns:SiteLists>\n";
    return Files.writeString(dir.resolve(name), xml);
  }
}
