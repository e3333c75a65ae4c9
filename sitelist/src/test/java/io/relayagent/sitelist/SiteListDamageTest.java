package io.relayagent.sitelist;

import static org.assertj.core.api.Assertions.assertThat;

import io.relayagent.testkit.BitFlips;
import io.relayagent.xml.XmlFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The corruption suite for SiteList.xml (issue 13): one flipped bit at many positions of a full
 * SiteList either reads as a SiteList (a flip the reader cannot tell from an edit: a SiteList has
 * no seal, since administrators edit it) or fails with problems that each name the file and the
 * line, never with anything else.
 */
class SiteListDamageTest {

  @TempDir Path dir;

  @Test
  void read_flippedBitAnywhere_failsOnlyWithLocatedProblems() throws Exception {
    Path file = Files.copy(TestFiles.sitelist("mcafee-full.xml"), dir.resolve("SiteList.xml"));

    BitFlips.eachFlip(
        file,
        250,
        at -> {
          try {
            SiteListReader.read(file);
          } catch (XmlFileException e) {
            assertThat(e.problems())
                .as("bit flipped at %d", at)
                .allSatisfy(
                    problem -> {
                      assertThat(problem.source()).isEqualTo(file.toString());
                      assertThat(problem.line()).as("%s", problem).isPositive();
                    });
          }
        });
  }
}
