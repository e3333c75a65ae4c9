package io.relayagent.server.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.relayagent.protocol.agent.StatusReport;
import io.relayagent.protocol.json.Version;
import io.relayagent.testkit.BitFlips;
import io.relayagent.testkit.ConsoleLog;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The corruption suite for the server's {@code agents/*.json} (issue 13). */
class AgentDirectoryDamageTest {

  @TempDir Path dir;

  @Test
  void load_oneFlippedBitAnywhere_skipsThatAgentNamingTheFile_neverReadsAnotherValue()
      throws Exception {
    AgentDirectory directory = AgentDirectory.load(dir);
    Instant now = Instant.parse("2026-03-01T10:00:00Z");
    directory.report(report(now), new InetSocketAddress("192.0.2.7", 40000), now);
    List<AgentRecord> written = directory.list();
    Path file = onlyFile();

    BitFlips.eachFlip(
        file,
        300,
        at -> {
          try (ConsoleLog log = ConsoleLog.capture()) {
            List<AgentRecord> read = AgentDirectory.load(dir).list();
            if (read.isEmpty()) {
              assertThat(log.linesWith(file.toString()))
                  .as("bit flipped at %d: skipped, and said so once", at)
                  .hasSize(1);
            } else {
              assertThat(read).as("bit flipped at %d: read back as written", at).isEqualTo(written);
            }
          }
        });
  }

  private static StatusReport report(Instant now) {
    return new StatusReport(
        "pc-0042",
        "1.2.3",
        Version.of("4c7a1e"),
        Version.of("17"),
        StatusReport.Mode.RELAY,
        "relay-3",
        true,
        now.toString(),
        now.plusSeconds(86_400).toString(),
        "ab:cd");
  }

  private Path onlyFile() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".json")).findFirst().orElseThrow();
    }
  }
}
