package io.relayagent.sitelist;

import static org.assertj.core.api.Assertions.assertThat;

import io.relayagent.sitelist.SupersetCheck.AgentList;
import io.relayagent.sitelist.SupersetCheck.MissingSite;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SupersetCheckTest {

  private static final SiteLists RELAY =
      lists(
          "<SpipeSite Name='epo' Order='1' Server='epo.corp.example:443' ServerIP='10.0.0.5:443'"
              + " ServerName='EPO:443' Enabled='1'/>",
          "<HttpSite Name='repo' Order='2' Server='repo.corp.example:8443' Enabled='1'/>",
          "<HttpSite Name='old' Order='3' Server='old.corp.example:80' Enabled='0'/>");

  @Test
  void check_relayCoversEverySite_isSuperset() {
    SiteLists agent =
        lists(
            "<SpipeSite Name='e' Server='EPO.corp.example.:443' ServerIP='10.0.0.5:443' Enabled='1'/>",
            "<HttpSite Name='r' Server='repo.corp.example:8443' Enabled='1'/>");

    assertThat(SupersetCheck.check(RELAY, List.of(new AgentList("a.xml", agent))).isSuperset())
        .isTrue();
  }

  @Test
  void check_siteMissingFromRelay_isNamedWithItsAgentList() {
    SiteLists first = lists("<HttpSite Name='r' Server='repo.corp.example:8443' Enabled='1'/>");
    SiteLists second =
        lists(
            "<SpipeSite Name='ah' Server='ah2.corp.example:443' Enabled='1'/>",
            "<HttpSite Name='r' Server='repo.corp.example:8443' Enabled='1'/>");

    SupersetCheck.Report report =
        SupersetCheck.check(
            RELAY, List.of(new AgentList("first.xml", first), new AgentList("second.xml", second)));

    assertThat(report.isSuperset()).isFalse();
    assertThat(report.missing()).hasSize(1);
    MissingSite missing = report.missing().get(0);
    assertThat(missing.agentList()).isEqualTo("second.xml");
    assertThat(missing.site().name()).isEqualTo("ah");
    assertThat(missing.missingEndpoints()).containsExactly(new HostPort("ah2.corp.example", 443));
    assertThat(missing.toString()).contains("second.xml").contains("\"ah\"");
  }

  @Test
  void check_samehostOtherPort_isMissing() {
    SiteLists agent = lists("<HttpSite Name='r' Server='repo.corp.example:443' Enabled='1'/>");

    assertThat(SupersetCheck.check(RELAY, List.of(new AgentList("a", agent))).missing())
        .singleElement()
        .satisfies(
            m ->
                assertThat(m.missingEndpoints())
                    .containsExactly(new HostPort("repo.corp.example", 443)));
  }

  @Test
  void check_agentNamesSiteByAnIpTheRelayLacks_isMissingThatEndpoint() {
    SiteLists agent =
        lists(
            "<SpipeSite Name='e' Server='epo.corp.example:443' ServerIP='10.0.0.6:443' Enabled='1'/>");

    assertThat(SupersetCheck.check(RELAY, List.of(new AgentList("a", agent))).missing())
        .singleElement()
        .satisfies(
            m -> assertThat(m.missingEndpoints()).containsExactly(new HostPort("10.0.0.6", 443)));
  }

  @Test
  void check_disabledAgentSite_isNotRequired() {
    SiteLists agent = lists("<HttpSite Name='x' Server='elsewhere.example:80' Enabled='0'/>");

    assertThat(SupersetCheck.check(RELAY, List.of(new AgentList("a", agent))).isSuperset())
        .isTrue();
  }

  @Test
  void check_siteDisabledOnTheRelay_doesNotCover() {
    SiteLists agent = lists("<HttpSite Name='o' Server='old.corp.example:80' Enabled='1'/>");

    assertThat(SupersetCheck.check(RELAY, List.of(new AgentList("a", agent))).isSuperset())
        .isFalse();
  }

  @Test
  void siteIndex_allowsOnlyEnabledEndpointsInAnyForm() {
    SiteIndex index = SiteIndex.of(RELAY);

    assertThat(index.allows("epo.corp.example", 443)).isTrue();
    assertThat(index.allows("EPO.CORP.EXAMPLE.", 443)).isTrue();
    assertThat(index.allows("epo", 443)).isTrue();
    assertThat(index.allows("10.0.0.5", 443)).isTrue();
    assertThat(index.allows("[::ffff:10.0.0.5]", 443)).isTrue();
    assertThat(index.allows("epo.corp.example", 80)).isFalse();
    assertThat(index.allows("old.corp.example", 80)).isFalse();
    assertThat(index.allows("10.0.0.6", 443)).isFalse();
    assertThat(index.allows("user@epo.corp.example", 443)).isFalse();
    assertThat(index.allows("epo.corp.example.evil.example", 443)).isFalse();
    assertThat(index.allows("010.0.0.5", 443)).isFalse();
    assertThat(index.findSite("repo.corp.example", 8443))
        .get()
        .extracting(Site::name)
        .isEqualTo("repo");
  }

  private static SiteLists lists(String... sites) {
    String xml =
        "<ns:SiteLists xmlns:ns='naSiteList'><SiteList Default='1' Name='l'>"
            + String.join("", sites)
            + "</SiteList></ns:SiteLists>";
    try {
      return SiteListReader.parse("test.xml", xml.getBytes(StandardCharsets.UTF_8));
    } catch (io.relayagent.xml.XmlFileException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }
}
