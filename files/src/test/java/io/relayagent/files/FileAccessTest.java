package io.relayagent.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Owner-only files and directories, and making names durable. */
class FileAccessTest {

  @TempDir Path dir;

  @Test
  void apply_private_makesADirectoryOwnerOnly_withTheSearchBit() throws IOException {
    assumeTrue(FileAccess.isPosix(dir), "POSIX permissions");
    Path state = Files.createDirectory(dir.resolve("state"));
    Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwxr-xr-x"));

    FileAccess.PRIVATE.apply(state);

    assertThat(mode(state)).isEqualTo("rwx------");
  }

  @Test
  void apply_symbolicLinkToADirectory_keepsTheSearchBit() throws IOException {
    assumeTrue(FileAccess.isPosix(dir), "POSIX permissions");
    Path state = Files.createDirectory(dir.resolve("state"));
    Path link = Files.createSymbolicLink(dir.resolve("link"), state);

    FileAccess.PRIVATE.apply(link);

    assertThat(mode(state)).isEqualTo("rwx------");
  }

  @Test
  void apply_secret_makesAFileOwnerOnly() throws IOException {
    assumeTrue(FileAccess.isPosix(dir), "POSIX permissions");
    Path socket = Files.writeString(dir.resolve("control.sock"), "");
    Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw-rw-"));

    FileAccess.SECRET.apply(socket);

    assertThat(mode(socket)).isEqualTo("rw-------");
  }

  @Test
  void narrow_worldReadableFileAndDirectory_becomeOwnerOnly() throws IOException {
    assumeTrue(FileAccess.isPosix(dir), "POSIX permissions");
    Path events = Files.createDirectory(dir.resolve("events"));
    Path log = Files.writeString(events.resolve("events.log"), "");
    Files.setPosixFilePermissions(events, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("rw-r--r--"));

    assertThat(FileAccess.PRIVATE.narrow(events)).isTrue();
    assertThat(FileAccess.PRIVATE.narrow(log)).isTrue();

    assertThat(mode(events)).isEqualTo("rwx------");
    assertThat(mode(log)).isEqualTo("rw-------");
  }

  @Test
  void narrow_alreadyOwnerOnlyOrNarrower_isLeftAlone() throws IOException {
    assumeTrue(FileAccess.isPosix(dir), "POSIX permissions");
    Path log = Files.writeString(dir.resolve("events.log"), "");
    Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("r--------"));

    assertThat(FileAccess.PRIVATE.narrow(log)).isFalse();

    assertThat(mode(log)).isEqualTo("r--------");
  }

  @Test
  void newFileAttributes_wherePosix_giveTheModeAtCreation() throws IOException {
    assumeTrue(FileAccess.isPosix(dir), "POSIX permissions");

    Path file = Files.createFile(dir.resolve("new"), FileAccess.SECRET.newFileAttributes(dir));

    assertThat(mode(file)).isEqualTo("rw-------");
  }

  @Test
  void directorySync_existingDirectory_isForced_missingOneFails() throws IOException {
    DirectorySync.force(dir);

    assumeTrue(!System.getProperty("os.name").startsWith("Windows"), "errors are not ignored");
    assertThatThrownBy(() -> DirectorySync.force(dir.resolve("missing")))
        .isInstanceOf(NoSuchFileException.class);
  }

  private static String mode(Path file) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
  }
}
