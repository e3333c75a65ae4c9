package io.relayagent.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileReadCanaryTest {

  @TempDir Path dir;

  @Test
  void wasRead_untouched_isFalse() {
    FileReadCanary canary = FileReadCanary.at(dir.resolve("canary.txt"));

    assertThat(canary.wasRead()).isFalse();
    assertThat(canary.secret()).startsWith("canary-");
  }

  @Test
  void wasRead_afterARead_isTrueWhereAccessTimesAreKept() throws IOException {
    FileReadCanary canary = FileReadCanary.at(dir.resolve("canary.txt"));
    assumeThat(canary.seesReads()).as("this file system keeps access times").isTrue();

    assertThat(Files.readString(canary.file())).isEqualTo(canary.secret());

    assertThat(canary.wasRead()).isTrue();
  }

  @Test
  void wasRead_metadataOnly_isFalse() throws IOException {
    FileReadCanary canary = FileReadCanary.at(dir.resolve("canary.txt"));

    assertThat(Files.size(canary.file())).isPositive();
    assertThat(Files.exists(canary.file())).isTrue();

    assertThat(canary.wasRead()).isFalse();
  }
}
