package io.relayagent.server.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.relayagent.server.ServerFixture;
import io.relayagent.sitelist.SiteListReader;
import io.relayagent.sitelist.SiteLists;
import io.relayagent.testkit.BitFlips;
import io.relayagent.testkit.ConsoleLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The corruption suite for the SiteList.xml (and, by the same class, policy.xml) the server hands
 * to agents (issue 13): a flipped bit that makes the file invalid leaves the last good version
 * served, and is logged once with the file and the line.
 */
class WatchedFileDamageTest {

  @TempDir Path dir;

  @Test
  void current_flippedBit_servesTheLastGoodVersion_orTheWholeNewFile() throws Exception {
    Path file = Files.writeString(dir.resolve("SiteList.xml"), ServerFixture.SITE_LIST);
    WatchedFile<SiteLists> watched =
        new WatchedFile<>(file, SiteListReader.MAX_FILE_BYTES, SiteListReader::parse);
    watched.load();
    byte[] pristine = Files.readAllBytes(file);
    long[] clock = {Files.getLastModifiedTime(file).toMillis()};
    List<WatchedFile.Loaded<SiteLists>> inForce =
        new ArrayList<>(watched.current().stream().toList());

    BitFlips.eachFlip(
        file,
        120,
        at -> {
          // A new time for each version: two writes within the file system's tick look the same.
          WatchedFile.Loaded<SiteLists> good = inForce.get(0);
          Files.setLastModifiedTime(file, FileTime.fromMillis(clock[0] += 1000));
          try (ConsoleLog log = ConsoleLog.capture()) {
            WatchedFile.Loaded<SiteLists> served = watched.current().orElseThrow();
            if (served == good) {
              assertThat(log.linesWith("is not valid; the last good version is still served"))
                  .as("bit flipped at %d: said once", at)
                  .hasSize(1);
              assertThat(log.linesWith(file + ":"))
                  .as("bit flipped at %d: every problem located", at)
                  .isNotEmpty()
                  .noneMatch(line -> line.contains(file + ":0:0:"));
            } else {
              assertThat(served.content()).isEqualTo(Files.readAllBytes(file));
            }
            assertThat(watched.current().orElseThrow())
                .as("read once per version")
                .isSameAs(served);
          }
          Files.write(file, pristine);
          Files.setLastModifiedTime(file, FileTime.fromMillis(clock[0] += 1000));
          inForce.set(0, watched.current().orElseThrow());
          assertThat(inForce.get(0).content()).isEqualTo(pristine);
        });
  }
}
