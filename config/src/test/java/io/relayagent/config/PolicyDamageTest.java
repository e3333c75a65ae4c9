package io.relayagent.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.relayagent.testkit.BitFlips;
import io.relayagent.xml.XmlFileException;
import io.relayagent.xml.XmlProblem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The corruption suite for the policy file (issue 13): one flipped bit at many positions of a valid
 * policy on disk. The policy has no seal (an administrator edits it), so a flip the reader cannot
 * tell from an edit is applied like one, whole; every other flip leaves the last good policy in
 * force and is reported with the file and the line, and nothing is applied by halves.
 */
class PolicyDamageTest {

  private static final Duration NEVER = Duration.ofHours(1);

  @TempDir Path dir;

  @Test
  void reload_flippedBit_keepsTheLastGoodPolicyNamingFileAndLine_orAppliesTheWholeFile()
      throws Exception {
    Path file = SamplePolicies.writeFull(dir);
    byte[] pristine = Files.readAllBytes(file);
    List<Policy> applied = new CopyOnWriteArrayList<>();
    // Not started, so no watcher reads the file behind the test's back: only reload() reads it,
    // as the watcher does after a change.
    try (PolicySource source = new PolicySource(file, NEVER, NEVER)) {
      source.addListener(applied::add);
      source.reload();
      Policy good = source.current();
      assertThat(good).isNotEqualTo(Policy.defaults());
      applied.clear();

      BitFlips.eachFlip(
          file,
          80,
          at -> {
            Policy inForce = source.current();
            source.reload();
            if (source.lastProblems().isEmpty()) {
              Policy read = PolicyReader.read(file);
              assertThat(source.current())
                  .as("bit flipped at %d: the whole file", at)
                  .isEqualTo(read);
              assertThat(applied)
                  .as("bit flipped at %d: handed on once, whole", at)
                  .isEqualTo(read.equals(good) ? List.of() : List.of(read));
            } else {
              assertThat(source.current())
                  .as("bit flipped at %d: last good kept", at)
                  .isSameAs(inForce);
              assertThat(applied).as("bit flipped at %d: nothing applied", at).isEmpty();
              assertLocated(source.lastProblems(), file, at);
            }
            Files.write(file, pristine);
            source.reload();
            assertThat(source.current()).isEqualTo(good);
            applied.clear();
          });
    }
  }

  @Test
  void start_flippedBit_defaultsInForceNamingFileAndLine_orTheWholeFile() throws Exception {
    Path file = SamplePolicies.writeFull(dir);

    BitFlips.eachFlip(
        file,
        60,
        at -> {
          try (PolicySource source = new PolicySource(file, NEVER, NEVER)) {
            source.start();
            if (source.lastProblems().isEmpty()) {
              assertThat(source.current()).isEqualTo(PolicyReader.read(file));
            } else {
              assertThat(source.current())
                  .as("bit flipped at %d: the defaults, as documented", at)
                  .isEqualTo(Policy.defaults());
              assertLocated(source.lastProblems(), file, at);
            }
          }
        });
  }

  @Test
  void read_flippedBit_failsOnlyWithLocatedProblems() throws Exception {
    Path file = SamplePolicies.writeFull(dir);

    BitFlips.eachFlip(
        file,
        250,
        at -> {
          try {
            PolicyReader.read(file);
          } catch (XmlFileException e) {
            assertLocated(e.problems(), file, at);
          }
        });
  }

  @Test
  void read_flippedBitInTheEncodingName_failsOnlyWithLocatedProblems() throws Exception {
    Path file = SamplePolicies.writeFull(dir);
    byte[] pristine = Files.readAllBytes(file);
    int name = new String(pristine, StandardCharsets.UTF_8).indexOf("UTF-8");

    // Every bit of the XML declaration's encoding name: "UTG-8" is an encoding no reader knows.
    for (int at = name; at < name + "UTF-8".length(); at++) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] damaged = pristine.clone();
        damaged[at] ^= (byte) (1 << bit);
        Files.write(file, damaged);
        try {
          PolicyReader.read(file);
        } catch (XmlFileException e) {
          assertLocated(e.problems(), file, at);
        }
      }
    }
  }

  /** Every problem names the file and the line: a flipped bit is always somewhere. */
  private static void assertLocated(List<XmlProblem> problems, Path file, int at) {
    assertThat(problems)
        .as("bit flipped at %d", at)
        .isNotEmpty()
        .allSatisfy(
            problem -> {
              assertThat(problem.source()).isEqualTo(file.toString());
              assertThat(problem.line()).as("%s", problem).isPositive();
            });
  }
}
