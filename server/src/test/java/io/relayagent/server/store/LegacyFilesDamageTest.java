package io.relayagent.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.relayagent.server.agent.AgentRecord;
import io.relayagent.server.edge.EdgeRelay;
import io.relayagent.server.enroll.StoredToken;
import io.relayagent.testkit.BitFlips;
import io.relayagent.testkit.ConsoleLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The corruption suite (issue 13) for the files an older server directory holds, as the import
 * reads them: one flipped bit anywhere is either found, naming the file, or changes nothing; it
 * never reads as another host, port, count or date. The files are those the file-based server wrote
 * ({@link LegacyDirectory}).
 */
class LegacyFilesDamageTest {

  @TempDir Path dir;

  @BeforeEach
  void copyDirectory() throws IOException {
    LegacyDirectory.copyTo(dir);
  }

  @Test
  void edgeRelays_oneFlippedBitAnywhere_refusesNamingTheFile_neverReadsAnotherRelay()
      throws Exception {
    Path file = dir.resolve("edge-relays.json");
    List<EdgeRelay> written = LegacyFiles.edgeRelays(file);
    assertThat(written).hasSize(2);

    BitFlips.eachFlip(
        file,
        300,
        at -> {
          try {
            assertThat(LegacyFiles.edgeRelays(file))
                .as("bit flipped at %d: read back as written", at)
                .isEqualTo(written);
          } catch (IOException e) {
            assertThat(e).as("bit flipped at %d", at).hasMessageStartingWith(file.toString());
          }
        });
  }

  @Test
  void tokens_oneFlippedBitAnywhere_refusesNamingTheFile_neverReadsAnotherCountOrDate()
      throws Exception {
    Path file = dir.resolve("enrollment-tokens.json");
    List<StoredToken> written = LegacyFiles.tokens(file);
    assertThat(written).hasSize(2);

    BitFlips.eachFlip(
        file,
        400,
        at -> {
          try {
            assertThat(LegacyFiles.tokens(file))
                .as("bit flipped at %d: read back as written", at)
                .isEqualTo(written);
          } catch (IOException e) {
            assertThat(e).as("bit flipped at %d", at).hasMessageStartingWith(file.toString());
          }
        });
  }

  @Test
  void tokens_fileThatIsNotATokenFile_isRefusedNamingIt() throws Exception {
    Path file = dir.resolve("enrollment-tokens.json");
    Files.writeString(file, "{\"tokens\":[{\"id\":\"../x\"}]}");

    assertThatThrownBy(() -> LegacyFiles.tokens(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("no valid id");
  }

  @Test
  void agents_oneFlippedBitAnywhere_skipsThatAgentNamingTheFile_neverReadsAnotherValue()
      throws Exception {
    Path agents = dir.resolve("agents");
    List<AgentRecord> written = LegacyFiles.agents(agents);
    assertThat(written).hasSize(2);
    Path file;
    try (Stream<Path> files = Files.list(agents)) {
      file = files.sorted().findFirst().orElseThrow();
    }

    BitFlips.eachFlip(
        file,
        300,
        at -> {
          try (ConsoleLog log = ConsoleLog.capture()) {
            List<AgentRecord> read = LegacyFiles.agents(agents);
            if (read.size() < written.size()) {
              assertThat(written)
                  .as("bit flipped at %d: the others as written", at)
                  .containsAll(read);
              assertThat(log.linesWith(file.toString()))
                  .as("bit flipped at %d: skipped, and said so once", at)
                  .hasSize(1);
            } else {
              assertThat(read)
                  .as("bit flipped at %d: read back as written", at)
                  .containsExactlyInAnyOrderElementsOf(written);
            }
          }
        });
  }
}
