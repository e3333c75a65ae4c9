package io.relayagent.sitelist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.relayagent.xml.XmlFileException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SiteList followed live, with real files and the real watch service. */
class SiteListSourceTest {
  private static final Duration DEBOUNCE = Duration.ofMillis(50);
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path dir;

  private SiteListSource source;

  @AfterEach
  void close() {
    if (source != null) {
      source.close();
    }
  }

  @Test
  void start_withAValidFile_putsItInForce() throws Exception {
    Path file = save(dir.resolve("SiteList.xml"), siteList(site("epo", "epo.example.test:443")));

    start(file);

    assertThat(SiteIndex.of(source.current()).allows("epo.example.test", 443)).isTrue();
    assertThat(source.lastProblems()).isEmpty();
  }

  @Test
  void start_withAnInvalidFile_failsNamingTheLine() throws Exception {
    Path file = save(dir.resolve("SiteList.xml"), broken());

    source = new SiteListSource(file, DEBOUNCE, Duration.ofSeconds(30));

    assertThatThrownBy(source::start)
        .isInstanceOf(XmlFileException.class)
        .hasMessageStartingWith(file + ":4:");
    assertThat(Thread.getAllStackTraces().keySet())
        .as("nothing is left watching")
        .noneMatch(thread -> thread.getName().startsWith("sitelist-watch") && thread.isAlive());
  }

  @Test
  void edit_addingASite_isInForceWithoutARestart() throws Exception {
    Path file = save(dir.resolve("SiteList.xml"), siteList(site("epo", "epo.example.test:443")));
    start(file);

    save(
        file,
        siteList(site("epo", "epo.example.test:443") + site("epo2", "epo2.example.test:8443")));

    await()
        .atMost(WAIT)
        .until(() -> SiteIndex.of(source.current()).allows("epo2.example.test", 8443));
    assertThat(SiteIndex.of(source.current()).allows("epo.example.test", 443)).isTrue();
  }

  @Test
  void saveByRename_isPickedUp() throws Exception {
    Path file = save(dir.resolve("SiteList.xml"), siteList(site("epo", "epo.example.test:443")));
    start(file);

    Path temp = save(dir.resolve(".SiteList.xml.tmp"), siteList(site("new", "new.test:443")));
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

    await().atMost(WAIT).until(() -> SiteIndex.of(source.current()).allows("new.test", 443));
  }

  @Test
  void badEdit_keepsTheLastGoodSiteListAndReportsFileAndLine_thenAFixIsPickedUp() throws Exception {
    Path file = save(dir.resolve("SiteList.xml"), siteList(site("epo", "epo.example.test:443")));
    start(file);
    SiteLists good = source.current();

    save(file, broken());

    await().atMost(WAIT).until(() -> !source.lastProblems().isEmpty());
    assertThat(source.lastProblems())
        .first()
        .satisfies(
            problem -> {
              assertThat(problem.source()).isEqualTo(file.toString());
              assertThat(problem.line()).isEqualTo(4);
              assertThat(problem.toString()).startsWith(file + ":4:");
            });
    assertThat(source.current()).as("the last good SiteList stays in force").isSameAs(good);

    save(file, siteList(site("fixed", "fixed.example.test:443")));

    await()
        .atMost(WAIT)
        .until(() -> SiteIndex.of(source.current()).allows("fixed.example.test", 443));
    assertThat(source.lastProblems()).isEmpty();
  }

  @Test
  void removedFile_keepsTheSiteListInForce() throws Exception {
    Path file = save(dir.resolve("SiteList.xml"), siteList(site("epo", "epo.example.test:443")));
    start(file);
    SiteLists good = source.current();

    Files.delete(file);

    await().atMost(WAIT).until(() -> !source.lastProblems().isEmpty());
    assertThat(source.current()).isSameAs(good);
  }

  private void start(Path file) throws XmlFileException {
    source = new SiteListSource(file, DEBOUNCE, Duration.ofSeconds(30));
    source.start();
  }

  private static String site(String name, String server) {
    return "    <SpipeSite Type=\"master\" Name=\""
        + name
        + "\" Order=\"1\" Server=\""
        + server
        + "\" Enabled=\"1\" Local=\"0\"/>\n";
  }

  private static String siteList(String sites) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<ns:SiteLists xmlns:ns=\"naSiteList\" Type=\"Client\">\n"
        + "  <SiteList Default=\"1\" Name=\"test\">\n"
        + sites
        + "  </SiteList>\n"
        + "</ns:SiteLists>\n";
  }

  /** A SiteList whose fourth line has a site with an Order that is not a number. */
  private static String broken() {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<ns:SiteLists xmlns:ns=\"naSiteList\" Type=\"Client\">\n"
        + "  <SiteList Default=\"1\" Name=\"test\">\n"
        + "    <SpipeSite Name=\"epo\" Order=\"first\" Server=\"epo.example.test:443\""
        + " Enabled=\"1\"/>\n"
        + "  </SiteList>\n"
        + "</ns:SiteLists>\n";
  }

  private static Path save(Path file, String content) throws IOException {
    return Files.writeString(file, content, StandardCharsets.UTF_8);
  }
}
