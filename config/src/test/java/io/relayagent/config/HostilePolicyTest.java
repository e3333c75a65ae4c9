package io.relayagent.config;

import static io.relayagent.config.PolicyFiles.problemsOf;
import static io.relayagent.config.PolicyFiles.write;
import static io.relayagent.config.PolicyFiles.writeRaw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.relayagent.xml.XmlProblem;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Policy files written by an attacker: each is refused with a clear message, nothing fetched. */
class HostilePolicyTest {

  @TempDir Path dir;

  @Test
  void read_externalEntityToLocalFile_isRefusedAndNothingIsRead() throws IOException {
    Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET");
    Path file =
        writeRaw(
            dir,
            "xxe.xml",
            "<?xml version=\"1.0\"?>\n<!DOCTYPE policy [<!ENTITY x SYSTEM \""
                + secret.toUri()
                + "\">]>\n<policy xmlns=\"urn:relay-agent:policy:1\">"
                + "<proxy mode=\"manual\" host=\"&x;\" port=\"1\"/></policy>");

    assertThat(problemsOf(file))
        .singleElement()
        .satisfies(
            problem -> {
              assertThat(problem.line()).isEqualTo(2);
              assertThat(problem.message())
                  .startsWith("a DOCTYPE is not allowed")
                  .doesNotContain("TOP-SECRET");
            });
  }

  @Test
  void read_externalDtdOnTheNetwork_isRefusedWithoutConnecting() throws IOException {
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Path file =
          writeRaw(
              dir,
              "xxe-http.xml",
              "<?xml version=\"1.0\"?>\n<!DOCTYPE policy SYSTEM \"http://127.0.0.1:"
                  + listener.getLocalPort()
                  + "/evil.dtd\">\n<policy xmlns=\"urn:relay-agent:policy:1\"/>");

      assertThat(problemsOf(file))
          .extracting(XmlProblem::message)
          .singleElement()
          .asString()
          .startsWith("a DOCTYPE is not allowed");
      listener.setSoTimeout(300);
      assertThatThrownBy(listener::accept)
          .as("the parser must never fetch a DTD")
          .isInstanceOf(SocketTimeoutException.class);
    }
  }

  @Test
  void read_etcPasswdEntity_isRefused() {
    Path file =
        writeRaw(
            dir,
            "passwd.xml",
            "<!DOCTYPE policy SYSTEM \"file:///etc/passwd\">\n"
                + "<policy xmlns=\"urn:relay-agent:policy:1\"/>");

    assertThat(problemsOf(file))
        .extracting(XmlProblem::message)
        .singleElement()
        .asString()
        .startsWith("a DOCTYPE is not allowed")
        .doesNotContain("root:");
  }

  @Test
  void read_billionLaughs_isRefusedBeforeExpanding() {
    StringBuilder entities = new StringBuilder("<!ENTITY lol0 \"lol\">\n");
    for (int i = 1; i <= 9; i++) {
      String previous = "&lol" + (i - 1) + ";";
      entities.append("<!ENTITY lol").append(i).append(" \"").append(previous.repeat(10));
      entities.append("\">\n");
    }
    Path file =
        writeRaw(
            dir,
            "lol.xml",
            "<?xml version=\"1.0\"?>\n<!DOCTYPE policy [\n"
                + entities
                + "]>\n<policy xmlns=\"urn:relay-agent:policy:1\">"
                + "<proxy mode=\"manual\" host=\"&lol9;\" port=\"1\"/></policy>");

    assertThat(problemsOf(file))
        .singleElement()
        .satisfies(
            problem -> {
              assertThat(problem.line()).isEqualTo(2);
              assertThat(problem.message()).startsWith("a DOCTYPE is not allowed");
            });
  }

  @Test
  void read_deepNesting_isRefused() {
    int depth = 10_000;
    Path file = write(dir, "deep.xml", "<trust>".repeat(depth) + "</trust>".repeat(depth));

    assertThat(problemsOf(file))
        .extracting(XmlProblem::message)
        .anyMatch(message -> message.contains("nested too deeply"));
  }

  @Test
  void read_fileOverTheSizeLimit_isRefusedWithoutParsing() throws IOException {
    String huge = "x".repeat((int) PolicyReader.MAX_FILE_BYTES);
    Path file =
        writeRaw(
            dir, "huge.xml", "<policy xmlns=\"urn:relay-agent:policy:1\" a=\"" + huge + "\"/>");

    assertThat(problemsOf(file))
        .containsExactly(
            XmlProblem.ofFile(
                file.toString(),
                "file is " + Files.size(file) + " bytes, larger than the limit of 1048576 bytes"));
  }

  @Test
  void read_hugeAttributeWithinTheLimit_isRefusedWithoutPrintingItBack() {
    Path file =
        write(
            dir,
            "long.xml",
            "  <relayClient>\n    <staticRelay host=\""
                + "h".repeat(900_000)
                + "\"/>\n  </relayClient>");

    assertThat(problemsOf(file))
        .singleElement()
        .satisfies(
            problem -> {
              assertThat(problem.line()).isEqualTo(3);
              assertThat(problem.message())
                  .isEqualTo("staticRelay: host: the value is too long (900000, at most 255)");
            });
  }

  @Test
  void read_hugeUnknownAttribute_isShortenedInTheMessage() {
    Path file = write(dir, "unknown.xml", "  <asci colour=\"" + "c".repeat(500_000) + "\"/>");

    assertThat(problemsOf(file))
        .singleElement()
        .extracting(XmlProblem::message)
        .asString()
        .hasSizeLessThan(200);
  }

  @Test
  void read_thousandsOfStaticRelays_areRefused() {
    Path file =
        write(
            dir,
            "many.xml",
            "<relayClient>\n" + "<staticRelay host=\"edge\"/>\n".repeat(5_000) + "</relayClient>");

    assertThat(problemsOf(file))
        .first()
        .satisfies(
            problem -> {
              assertThat(problem.line()).isEqualTo(2 + 1 + 64);
              assertThat(problem.message()).isEqualTo("<staticRelay> is given more than 64 times");
            });
  }

  @Test
  void read_hugeNumber_isReportedNotOverflowed() {
    Path file = write(dir, "overflow.xml", "  <eventQueue maxEvents=\"99999999999999999999999\"/>");

    assertThat(problemsOf(file))
        .extracting(XmlProblem::message)
        .containsExactly(
            "eventQueue: maxEvents: '99999999999999999999999' is more than the maximum, 10000000");
  }

  @Test
  void read_binaryGarbage_isRefused() throws IOException {
    Path file = dir.resolve("binary.xml");
    Files.write(file, new byte[] {0, 1, 2, 3, (byte) 0xff, (byte) 0xfe, '<', 0});

    assertThat(problemsOf(file)).isNotEmpty();
  }

  @Test
  void read_hostNameThatResolves_isNeverLookedUp() throws Exception {
    // A name only DNS could answer for; parsing must treat it as text and never resolve it.
    Path file =
        write(
            dir,
            "dns.xml",
            "  <relayClient>\n    <staticRelay host=\"relay.invalid\"/>\n  </relayClient>");

    assertThat(PolicyReader.read(file).relayClient().staticRelays())
        .extracting(relay -> relay.host())
        .containsExactly("relay.invalid");
  }
}
