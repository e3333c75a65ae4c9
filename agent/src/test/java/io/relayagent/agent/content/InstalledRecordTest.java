package io.relayagent.agent.content;

import static org.assertj.core.api.Assertions.assertThat;

import io.relayagent.testkit.BitFlips;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The corruption suite for {@code content/.installed.properties} (issue 13): one flipped bit never
 * stops the agent, nor shows another installed version; the record then reads as nothing installed,
 * so every file is checked against the next catalog.
 */
class InstalledRecordTest {

  @TempDir Path dir;

  @Test
  void open_flippedBitAnywhere_readsAsWrittenOrAsNothingInstalled() throws Exception {
    Path file = dir.resolve(".installed.properties");
    InstalledRecord record = new InstalledRecord(file);
    Properties written = new Properties();
    written.setProperty(InstalledRecord.fileKey("dat/engine.dat"), "ab".repeat(32));
    written.setProperty(InstalledRecord.fileKey("readme.txt"), "cd".repeat(32));
    InstalledRecord.setVersion(written, 17);
    record.write(written);

    BitFlips.eachFlip(
        file,
        300,
        at -> {
          ContentUpdater updater =
              new ContentUpdater(
                  dir,
                  (c, s, chain) -> {},
                  null,
                  List::of,
                  new io.relayagent.agent.connect.RelayFailures(java.time.Clock.systemUTC()));
          Properties read = new InstalledRecord(file).read();
          if (read.isEmpty()) {
            assertThat(updater.installedVersion()).as("bit flipped at %d", at).isZero();
          } else {
            assertThat(read).as("bit flipped at %d: as written", at).isEqualTo(written);
            assertThat(updater.installedVersion()).isEqualTo(17);
          }
        });
  }
}
