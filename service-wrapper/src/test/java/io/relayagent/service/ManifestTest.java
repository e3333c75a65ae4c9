package io.relayagent.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.relayagent.testkit.BitFlips;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The manifest is read as hostile input: bounded, every bad line named. */
class ManifestTest {

  /** A done step with a command to undo it, a pending one with paths. */
  private static final List<Manifest.Entry> ENTRIES =
      List.of(
          new Manifest.Entry(
              Manifest.State.DONE,
              "create user x",
              List.of(new Action.Run(List.of("userdel", "x")))),
          new Manifest.Entry(
              Manifest.State.PENDING,
              "write /etc/u",
              List.of(new Action.RemoveFile("/etc/u"), new Action.RemoveEmptyDirectory("/etc"))));

  @TempDir Path dir;

  @Test
  void read_whatWasWritten() throws IOException {
    Path file = dir.resolve("m");

    Manifest.write(file, ENTRIES);

    assertThat(Manifest.read(file)).isEqualTo(ENTRIES);
  }

  @Test
  void read_oneFlippedBitAnywhere_isRefusedNamingTheFile_neverAnotherCommandOrPath()
      throws Exception {
    Path file = dir.resolve("relay-agent-service.manifest");
    Manifest.write(file, ENTRIES);

    BitFlips.eachFlip(
        file,
        400,
        at -> {
          try {
            assertThat(Manifest.read(file))
                .as("bit flipped at %d: as written", at)
                .isEqualTo(ENTRIES);
          } catch (IOException e) {
            assertThat(e).as("bit flipped at %d", at).hasMessageStartingWith(file.toString());
          }
        });
  }

  @Test
  void read_firstVersion_asDoneCommands() throws IOException {
    Path file = dir.resolve("m");
    Files.writeString(file, "userdel\trelay-agent\nsystemctl\tdaemon-reload\n");

    assertThat(Manifest.read(file))
        .containsExactly(
            new Manifest.Entry(
                Manifest.State.DONE,
                "userdel relay-agent",
                List.of(new Action.Run(List.of("userdel", "relay-agent")))),
            new Manifest.Entry(
                Manifest.State.DONE,
                "systemctl daemon-reload",
                List.of(new Action.Run(List.of("systemctl", "daemon-reload")))));
  }

  @Test
  void read_unknownUndoKind_namesTheLine() throws IOException {
    Path file = dir.resolve("m");
    Files.writeString(file, Manifest.HEADER + "\nstep\tdone\tx\nundo\tformat-disk\t/\n");

    assertThatThrownBy(() -> Manifest.read(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("m:3: unknown undo kind format-disk");
  }

  @Test
  void read_undoBeforeAnyStep_isRefused() throws IOException {
    Path file = dir.resolve("m");
    Files.writeString(file, Manifest.HEADER + "\nundo\trun\tuserdel\tx\n");

    assertThatThrownBy(() -> Manifest.read(file)).hasMessageContaining("m:2: expected");
  }

  @Test
  void read_oversizedFile_isRefused() throws IOException {
    Path file = dir.resolve("m");
    Files.write(file, new byte[(int) Manifest.MAX_BYTES + 1]);

    assertThatThrownBy(() -> Manifest.read(file)).hasMessageContaining("more than a manifest");
  }

  @Test
  void run_valueWithTab_isRefused() {
    assertThatThrownBy(() -> new Action.Run(List.of("rm", "a\tb")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a?b");
  }
}
