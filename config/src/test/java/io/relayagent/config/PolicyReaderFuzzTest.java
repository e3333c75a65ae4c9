package io.relayagent.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.relayagent.testkit.FileReadCanary;
import io.relayagent.xml.XmlFileException;
import io.relayagent.xml.XmlProblem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Whatever a policy file holds: it is refused with {@link XmlFileException} alone, each problem at
 * a line of the file, or read as a policy that {@link PolicyWriter} writes (its own check: it reads
 * back as an equal policy) and the reader reads back as the same policy. Nothing the file points at
 * is read: the seeds name {@value #CANARY} as an external entity, a DTD, an XInclude and a schema
 * location, and the canary must stay unread.
 */
class PolicyReaderFuzzTest {

  private static final String SOURCE = "fuzz/policy.xml";

  /** Relative to the module, where surefire runs: what the seeds' references resolve to. */
  private static final String CANARY = "target/xxe-canary.txt";

  private static final FileReadCanary canary = FileReadCanary.at(Path.of(CANARY));

  @FuzzTest
  void parse_anyFile_isRefusedWhereItIsWrongOrWritesBackAsItself(byte[] file) {
    Policy policy;
    try {
      policy = PolicyReader.parse(SOURCE, file);
    } catch (XmlFileException refused) {
      int lines = 1 + lineBreaks(file);
      assertThat(refused.problems())
          .isNotEmpty()
          .allSatisfy(
              problem -> {
                assertThat(problem.source()).isEqualTo(SOURCE);
                assertThat(problem.line()).isBetween(0, lines);
                assertThat(problem.column()).isNotNegative();
                assertThat(problem.message()).isNotBlank();
              });
      assertThat(refused.problems().stream().map(XmlProblem::toString))
          .allMatch(refused.getMessage()::contains);
      assertThat(refused.getMessage()).doesNotContain(canary.secret());
      assertThat(canary.wasRead()).as("the parser read " + CANARY).isFalse();
      return;
    }
    assertThat(canary.wasRead()).as("the parser read " + CANARY).isFalse();
    String written = PolicyWriter.toXml(policy);
    assertThat(written).doesNotContain(canary.secret());
    assertThat(readBack(written)).isEqualTo(policy);
  }

  /** At least the line breaks of the file: a byte of CR, LF, NEL or LS in UTF-8 or UTF-16. */
  private static int lineBreaks(byte[] file) {
    int breaks = 0;
    for (byte b : file) {
      breaks +=
          switch (b) {
            case '\n', '\r', (byte) 0x85, (byte) 0xa8, 0x28 -> 1;
            default -> 0;
          };
    }
    return breaks;
  }

  private static Policy readBack(String written) {
    try {
      return PolicyReader.parse(SOURCE, written.getBytes(StandardCharsets.UTF_8));
    } catch (XmlFileException e) {
      throw new AssertionError(
          "what the writer wrote cannot be read: " + e.getMessage() + "\n" + written, e);
    }
  }
}
