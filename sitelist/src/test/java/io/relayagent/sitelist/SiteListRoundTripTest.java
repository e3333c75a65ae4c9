package io.relayagent.sitelist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/** Real files carry what we do not model; writing them back must keep it. */
class SiteListRoundTripTest {

  @TempDir Path dir;

  @Test
  void write_afterRead_keepsUnknownElementsAndAttributes() throws Exception {
    SiteLists original = SiteListReader.read(TestFiles.sitelist("mcafee-full.xml"));
    Path copy = dir.resolve("SiteList.xml");

    SiteListWriter.write(original, copy);
    SiteLists reread = SiteListReader.read(copy);

    assertThat(reread.otherAttributes()).containsEntry(new QName("ExtraRootAttr"), "kept");
    assertThat(reread.otherElements()).hasSize(1);
    assertThat(((Element) reread.otherElements().get(0)).getLocalName()).isEqualTo("Policies");
    SiteList list = reread.siteLists().get(0);
    assertThat(list.otherAttributes()).containsEntry(new QName("Vendor"), "x");
    assertThat(list.entries())
        .as("unknown site kinds keep their place among the sites")
        .extracting(e -> e instanceof Element el ? el.getLocalName() : e.getClass().getSimpleName())
        .containsExactly("SpipeSite", "SuperAgentSite", "HttpSite", "FtpSite", "UncSite");
    Site epo = list.sites().get(0);
    assertThat(epo.otherAttributes()).containsEntry(new QName("Flags"), "7");
    Element child = (Element) epo.otherElements().get(0);
    assertThat(child.getLocalName()).isEqualTo("UnknownChild");
    assertThat(child.getAttribute("foo")).isEqualTo("bar");
    assertThat(child.getTextContent()).isEqualTo("text kept");
    Site unc = list.sites().get(3);
    assertThat(((Element) unc.otherElements().get(0)).getLocalName())
        .isEqualTo("UseLoggedonUserAccount");
  }

  @Test
  void write_afterRead_keepsEveryModelledValue() throws Exception {
    SiteLists original = SiteListReader.read(TestFiles.sitelist("mcafee-full.xml"));
    Path copy = dir.resolve("SiteList.xml");

    SiteListWriter.write(original, copy);
    String written = Files.readString(copy, StandardCharsets.UTF_8);
    SiteLists reread = SiteListReader.read(copy);

    assertThat(written).contains("xmlns:ns=\"naSiteList\"").contains("<ns:SiteLists");
    assertThat(written).contains("<FTPSite").contains("<UNCSite").contains("Encrypted=\"1\"");
    assertThat(reread.globalVersion()).isEqualTo(original.globalVersion());
    assertThat(reread.sitesInOrder().map(Site::describe))
        .containsExactlyElementsOf(original.sitesInOrder().map(Site::describe).toList());
    assertThat(reread.sitesInOrder().map(Site::endpoints))
        .containsExactlyElementsOf(original.sitesInOrder().map(Site::endpoints).toList());
    assertThat(Files.list(dir)).as("no temporary file is left behind").containsExactly(copy);
  }

  @Test
  void write_builtInCode_isReadBack() throws Exception {
    SiteLists lists = new SiteLists();
    lists.setType("Client");
    SiteList list = new SiteList();
    list.setName("Default");
    list.setDefault(true);
    SpipeSite site = new SpipeSite();
    site.setName("server");
    site.setServer("127.0.0.1:8443");
    site.setOrder(1);
    site.setEnabled(true);
    list.addSite(site);
    lists.siteLists().add(list);
    Path file = dir.resolve("built.xml");

    SiteListWriter.write(lists, file);

    assertThat(SiteListReader.read(file).sitesInOrder().flatMap(s -> s.endpoints().stream()))
        .containsExactly(new HostPort("127.0.0.1", 8443));
  }
}
