package io.relayagent.sitelist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.relayagent.xml.XmlFileException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SiteList files written by an attacker: each is refused with a clear message, nothing fetched. */
class HostileSiteListTest {

  @TempDir Path dir;

  @Test
  void read_externalEntityToLocalFile_isRefusedAndNothingIsRead() throws IOException {
    Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET");
    Path file =
        write(
            "xxe-file.xml",
            "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM \""
                + secret.toUri()
                + "\">]>\n<ns:SiteLists xmlns:ns=\"naSiteList\"><SiteList Name=\"&x;\"/></ns:SiteLists>");

    assertThatThrownBy(() -> SiteListReader.read(file))
        .isInstanceOf(XmlFileException.class)
        .hasMessageContaining(file + ":2:")
        .hasMessageContaining("a DOCTYPE is not allowed")
        .hasMessageNotContaining("TOP-SECRET");
  }

  @Test
  void read_externalEntityToNetwork_isRefusedWithoutConnecting() throws IOException {
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Path file =
          write(
              "xxe-http.xml",
              "<?xml version=\"1.0\"?>\n<!DOCTYPE r SYSTEM \"http://127.0.0.1:"
                  + listener.getLocalPort()
                  + "/evil.dtd\">\n<ns:SiteLists xmlns:ns=\"naSiteList\"/>");

      assertThatThrownBy(() -> SiteListReader.read(file))
          .isInstanceOf(XmlFileException.class)
          .hasMessageContaining("a DOCTYPE is not allowed");
      listener.setSoTimeout(300);
      assertThatThrownBy(listener::accept)
          .as("the parser must never connect to the URL of a DTD")
          .isInstanceOf(SocketTimeoutException.class);
    }
  }

  @Test
  void read_billionLaughs_isRefusedBeforeExpanding() {
    assertThatThrownBy(() -> SiteListReader.read(TestFiles.sitelist("billion-laughs.xml")))
        .isInstanceOf(XmlFileException.class)
        .hasMessageContaining(":2:")
        .hasMessageContaining("a DOCTYPE is not allowed");
  }

  @Test
  void read_deepNesting_isRefused() throws IOException {
    int depth = 5_000;
    String xml =
        "<ns:SiteLists xmlns:ns=\"naSiteList\">"
            + "<a>".repeat(depth)
            + "</a>".repeat(depth)
            + "</ns:SiteLists>";
    Path file = write("deep.xml", xml);

    assertThatThrownBy(() -> SiteListReader.read(file))
        .isInstanceOf(XmlFileException.class)
        .hasMessageContaining("nested too deeply");
  }

  @Test
  void read_fileOverTheSizeLimit_isRefusedWithoutParsing() throws IOException {
    String hugeAttribute = "x".repeat((int) SiteListReader.MAX_FILE_BYTES);
    Path file =
        write("huge.xml", "<ns:SiteLists xmlns:ns=\"naSiteList\" Type=\"" + hugeAttribute + "\"/>");

    assertThatThrownBy(() -> SiteListReader.read(file))
        .isInstanceOf(XmlFileException.class)
        .hasMessageContaining(file + ":0:0: file is ")
        .hasMessageContaining("larger than the limit of " + SiteListReader.MAX_FILE_BYTES);
  }

  @Test
  void read_longAttributeWithinTheFileLimit_isRefusedForTheField() throws IOException {
    Path file =
        write(
            "long-name.xml",
            "<ns:SiteLists xmlns:ns=\"naSiteList\">\n<SiteList Name=\"l\">\n<SpipeSite Name=\""
                + "n".repeat(100_000)
                + "\" Server=\""
                + "h".repeat(100_000)
                + ".example:443\"/>\n</SiteList></ns:SiteLists>");

    assertThatThrownBy(() -> SiteListReader.read(file))
        .isInstanceOf(XmlFileException.class)
        .satisfies(
            e ->
                assertThat(((XmlFileException) e).problems())
                    .extracting(p -> p.line() + " " + p.message())
                    .anyMatch(m -> m.startsWith("3 ") && m.contains("Name is longer than 256"))
                    .anyMatch(m -> m.startsWith("3 ") && m.contains("longer than 253")));
  }

  @Test
  void read_notXmlAtAll_isRefused() throws IOException {
    Path file = dir.resolve("binary.xml");
    Files.write(file, new byte[] {0, 1, 2, 3, (byte) 0xff, (byte) 0xfe});

    assertThatThrownBy(() -> SiteListReader.read(file)).isInstanceOf(XmlFileException.class);
  }

  /** Found by the fuzzer in CI: JAXB failed on the name with an unchecked DOMException. */
  @Test
  void read_elementNameWithAnEmptyPrefix_isRefusedAtItsLine() throws IOException {
    Path file =
        write(
            "empty-prefix.xml",
            "<ns:SiteLists xmlns:ns=\"naSiteList\">\n"
                + "<SiteList Name=\"x\">\n"
                + "<:HttpSite Name=\"a\" Server=\"b.example:80\"/>\n"
                + "</SiteList></ns:SiteLists>\n");

    assertThatThrownBy(() -> SiteListReader.read(file))
        .isInstanceOfSatisfying(
            XmlFileException.class,
            refused ->
                assertThat(refused.problems())
                    .extracting(p -> p.line() + " " + p.message())
                    .anyMatch(m -> m.startsWith("3 ") && m.contains("\":HttpSite\"")));
  }

  @Test
  void read_attributeNameWithTwoColons_isRefusedAtItsLine() throws IOException {
    Path file =
        write(
            "two-colons.xml",
            "<ns:SiteLists xmlns:ns=\"naSiteList\">\n"
                + "<SiteList Name=\"x\" a:b:c=\"1\"/>\n"
                + "</ns:SiteLists>\n");

    assertThatThrownBy(() -> SiteListReader.read(file))
        .isInstanceOfSatisfying(
            XmlFileException.class,
            refused ->
                assertThat(refused.problems())
                    .extracting(p -> p.line() + " " + p.message())
                    .anyMatch(m -> m.startsWith("2 ")));
  }

  private Path write(String name, String content) throws IOException {
    return Files.write(dir.resolve(name), content.getBytes(StandardCharsets.UTF_8));
  }
}
