package io.relayagent.sitelist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    assertThat(reread.attributes()).containsEntry(new QName("ExtraRootAttr"), "kept");
    assertThat(reread.entries())
        .extracting(e -> e instanceof Element el ? el.getLocalName() : e.getClass().getSimpleName())
        .containsExactly("Policies", "SiteList");
    SiteList list = reread.siteLists().get(0);
    assertThat(list.attributes()).containsEntry(new QName("Vendor"), "x");
    assertThat(list.entries())
        .as("unknown site kinds keep their place among the sites")
        .extracting(e -> e instanceof Element el ? el.getLocalName() : e.getClass().getSimpleName())
        .containsExactly("SpipeSite", "SuperAgentSite", "HttpSite", "FtpSite", "UncSite");
    Site epo = list.sites().get(0);
    assertThat(epo.attributes()).containsEntry(new QName("Flags"), "7");
    Element child = (Element) epo.children().get(4);
    assertThat(child.getLocalName()).isEqualTo("UnknownChild");
    assertThat(child.getAttribute("foo")).isEqualTo("bar");
    assertThat(child.getTextContent()).isEqualTo("text kept");
  }

  @Test
  void write_afterRead_keepsEveryElementAndAttributeInFileOrder() throws Exception {
    Path source = TestFiles.sitelist("mcafee-full.xml");
    Path copy = dir.resolve("SiteList.xml");

    SiteListWriter.write(SiteListReader.read(source), copy);

    // Known and unknown attributes and children interleave in the sample (UNCSite's
    // UseLoggedonUserAccount before DomainName and UserName, Version before SecurePort): the
    // written file must list every one where the original had it. Inside an element we do not
    // model (SuperAgentSite), the DOM that keeps it sorts the attributes by name; XML gives
    // their order no meaning, and docs/sitelist.md says so.
    List<String> expected =
        XmlOutline.of(source).stream()
            .map(
                line ->
                    line.startsWith("SuperAgentSite ")
                        ? "SuperAgentSite Enabled=1 Name=SA1 Server=sa1:8081"
                        : line)
            .toList();
    assertThat(XmlOutline.of(copy)).containsExactlyElementsOf(expected);
  }

  @Test
  void write_afterTypedChanges_changesValuesInPlace() throws Exception {
    SiteLists lists = SiteListReader.read(TestFiles.sitelist("mcafee-full.xml"));
    Site epo = lists.siteLists().get(0).sites().get(0);
    epo.setServer("epo2.corp.example:443");
    epo.setRelativePath("moved");
    Path copy = dir.resolve("SiteList.xml");

    SiteListWriter.write(lists, copy);

    List<String> outline = XmlOutline.of(copy);
    assertThat(outline)
        .as("the changed attribute keeps its place between Order and ServerName")
        .contains(
            "SpipeSite Type=master Name=ePO_EPOSRV Order=1 Server=epo2.corp.example:443"
                + " ServerName=EPOSRV:80 ServerIP=10.1.2.3:80 Version=5.10.0 SecurePort=443"
                + " Enabled=1 Local=0 Flags=7");
    assertThat(
            outline.subList(outline.indexOf("RelativePath"), outline.indexOf("RelativePath") + 3))
        .containsExactly("RelativePath", "#moved", "UseAuth");
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
    lists.addSiteList(list);
    Path file = dir.resolve("built.xml");

    SiteListWriter.write(lists, file);

    assertThat(SiteListReader.read(file).sitesInOrder().flatMap(s -> s.endpoints().stream()))
        .containsExactly(new HostPort("127.0.0.1", 8443));
  }
}
