package io.relayagent.sitelist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.relayagent.xml.XmlFileException;
import io.relayagent.xml.XmlProblem;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SiteListReaderTest {

  @Test
  void read_mcafeeFile_modelsEverySiteKindInConnectionOrder() throws Exception {
    SiteLists lists = SiteListReader.read(TestFiles.sitelist("mcafee-full.xml"));

    assertThat(lists.type()).isEqualTo("Client");
    assertThat(lists.globalVersion()).isEqualTo("20230816091014");
    assertThat(lists.localVersion()).isEqualTo("20230816091420");
    SiteList list = lists.siteLists().get(0);
    assertThat(list.isDefault()).isTrue();
    assertThat(list.name()).isEqualTo("SomeGUID");
    assertThat(list.sitesInOrder())
        .extracting(Site::name)
        .containsExactly("ePO_EPOSRV", "Share1", "McAfeeHttp", "McAfeeFtp");
    assertThat(list.sitesInOrder())
        .extracting(Site::kind)
        .containsExactly(SiteKind.SPIPE, SiteKind.UNC, SiteKind.HTTP, SiteKind.FTP);
  }

  @Test
  void read_spipeSite_endpointsAreEveryNameWithEveryPort() throws Exception {
    Site epo =
        SiteListReader.read(TestFiles.sitelist("mcafee-full.xml"))
            .siteLists()
            .get(0)
            .sites()
            .get(0);

    assertThat(epo.endpoints())
        .containsExactly(
            new HostPort("eposrv.corp.example", 80),
            new HostPort("eposrv.corp.example", 443),
            new HostPort("eposrv", 80),
            new HostPort("eposrv", 443),
            new HostPort("10.1.2.3", 80),
            new HostPort("10.1.2.3", 443));
    assertThat(epo.isEnabled()).isTrue();
    assertThat(epo.isLocal()).isFalse();
    assertThat(epo.version()).isEqualTo("5.10.0");
  }

  @Test
  void read_siteChildren_areModelled() throws Exception {
    List<Site> sites =
        SiteListReader.read(TestFiles.sitelist("mcafee-full.xml")).siteLists().get(0).sites();
    Site ftp = sites.get(2);
    Site unc = sites.get(3);

    assertThat(ftp.isEnabled()).isFalse();
    assertThat(ftp.useAuth()).isTrue();
    assertThat(ftp.userName()).isEqualTo("anonymous");
    assertThat(ftp.password().isEncrypted()).isTrue();
    assertThat(ftp.password().isPresent()).isTrue();
    assertThat(unc.shareName()).isEqualTo("repo$");
    assertThat(unc.domainName()).isEqualTo("CORP");
    assertThat(unc.relativePath()).isEqualTo("current");
    assertThat(unc.endpoints()).containsExactly(new HostPort("filesrv", 445));
  }

  @Test
  void read_wrongNamespace_isRefusedNamingTheExpectedRoot() {
    Path file = TestFiles.sitelist("wrong-namespace.xml");

    assertThatThrownBy(() -> SiteListReader.read(file))
        .isInstanceOf(XmlFileException.class)
        .satisfies(
            e -> {
              XmlProblem problem = ((XmlFileException) e).problems().get(0);
              assertThat(problem.source()).isEqualTo(file.toString());
              assertThat(problem.line()).isEqualTo(2);
              assertThat(problem.column()).isPositive();
              assertThat(problem.message())
                  .isEqualTo(
                      "the root element must be <SiteLists> in namespace \"naSiteList\", not"
                          + " <SiteLists> in namespace \"urn:not-a-sitelist\"");
            });
  }

  @Test
  void read_malformedXml_reportsLineAndColumn() {
    Path file = TestFiles.sitelist("malformed.xml");

    assertThatThrownBy(() -> SiteListReader.read(file))
        .isInstanceOf(XmlFileException.class)
        .satisfies(
            e -> {
              XmlProblem problem = ((XmlFileException) e).problems().get(0);
              assertThat(problem.line()).isEqualTo(5);
              assertThat(problem.message()).contains("SpipeSite");
              assertThat(problem.toString()).startsWith(file + ":5:");
            });
  }

  @Test
  void read_badValues_reportsEveryProblemAtItsLine() {
    Path file = TestFiles.sitelist("bad-values.xml");

    assertThatThrownBy(() -> SiteListReader.read(file))
        .isInstanceOf(XmlFileException.class)
        .satisfies(
            e -> {
              List<XmlProblem> problems = ((XmlFileException) e).problems();
              assertThat(problems)
                  .extracting(p -> p.line() + " " + p.message())
                  .anyMatch(m -> m.startsWith("4 ") && m.contains("Server") && m.contains("99999"))
                  .anyMatch(m -> m.startsWith("5 ") && m.contains("Order must be a whole number"))
                  .anyMatch(m -> m.startsWith("5 ") && m.contains("not a valid host name"))
                  .anyMatch(m -> m.startsWith("5 ") && m.contains("Enabled must be 0 or 1"))
                  .anyMatch(m -> m.startsWith("6 ") && m.contains("not a valid IPv4 address"))
                  .anyMatch(m -> m.startsWith("6 ") && m.contains("ServerIP must be an IP address"))
                  .anyMatch(m -> m.startsWith("7 ") && m.contains("must be written in brackets"))
                  .anyMatch(
                      m ->
                          m.startsWith("7 ")
                              && m.contains("duplicate site Name \"a\" (first defined at line 4)"))
                  .anyMatch(m -> m.startsWith("8 ") && m.contains("attribute Name is required"))
                  .anyMatch(m -> m.startsWith("8 ") && m.contains("attribute Server is required"));
              assertThat(problems).allMatch(p -> p.source().equals(file.toString()));
            });
  }

  @Test
  void read_missingFile_saysSoNamingIt() {
    Path file = Path.of("does-not-exist", "SiteList.xml");

    assertThatThrownBy(() -> SiteListReader.read(file))
        .isInstanceOf(XmlFileException.class)
        .hasMessage(file + ":0:0: file not found");
  }
}
