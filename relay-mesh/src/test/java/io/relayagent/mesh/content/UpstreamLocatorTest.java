package io.relayagent.mesh.content;

import static org.assertj.core.api.Assertions.assertThat;

import io.relayagent.sitelist.HttpSite;
import io.relayagent.sitelist.Site;
import io.relayagent.sitelist.SiteList;
import io.relayagent.sitelist.SiteLists;
import io.relayagent.sitelist.SpipeSite;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UpstreamLocatorTest {

  private static Optional<URI> locate(Site site, String path) {
    site.setName("S");
    SiteList list = new SiteList();
    list.addSite(site);
    SiteLists lists = new SiteLists();
    lists.addSiteList(list);
    return new UpstreamLocator(() -> lists).locate(ContentKey.of("S", path));
  }

  private static Site site(Site site, String server, String relativePath) {
    site.setServer(server);
    site.setRelativePath(relativePath);
    return site;
  }

  @Test
  void locate_httpSite_usesHttpsUnderRelativePath() {
    assertThat(
            locate(
                site(new HttpSite(), "Repo.Example.com:8443", "Software\\Current/"), "a b/ü.zip"))
        .hasValue(URI.create("https://repo.example.com:8443/Software/Current/a%20b/%C3%BC.zip"));
  }

  @Test
  void locate_httpSiteOnPort80_usesPlainHttp() {
    assertThat(locate(site(new HttpSite(), "repo.example.com", null), "a.zip"))
        .hasValue(URI.create("http://repo.example.com:80/a.zip"));
    assertThat(locate(site(new HttpSite(), "repo.example.com:80", ""), "a.zip"))
        .hasValue(URI.create("http://repo.example.com:80/a.zip"));
  }

  @Test
  void locate_spipeSite_usesHttpsOnItsPort() {
    assertThat(locate(site(new SpipeSite(), "[::1]", null), "catalog.xml"))
        .hasValue(URI.create("https://[::1]:443/catalog.xml"));
    assertThat(locate(site(new SpipeSite(), "epo:80", null), "catalog.xml"))
        .hasValue(URI.create("https://epo:80/catalog.xml"));
  }

  @Test
  void locate_unusableSite_isEmpty() {
    assertThat(locate(site(new HttpSite(), "repo", "a/../b"), "x")).isEmpty();
    assertThat(locate(site(new HttpSite(), "user@repo", null), "x")).isEmpty();
    assertThat(locate(site(new HttpSite(), null, null), "x")).isEmpty();
    Site disabled = site(new HttpSite(), "repo", null);
    disabled.setEnabled(false);
    assertThat(locate(disabled, "x")).isEmpty();
  }
}
