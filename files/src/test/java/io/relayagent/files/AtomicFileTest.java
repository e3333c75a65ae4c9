package io.relayagent.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replacing files whole or not at all, with real files in a real directory. */
class AtomicFileTest {

  @TempDir Path dir;
  private Path target;

  @BeforeEach
  void oldVersion() throws IOException {
    target = Files.writeString(dir.resolve("policy.xml"), "old");
  }

  @Test
  void replace_writesTheNewContent_andLeavesNoTemporaryFile() throws IOException {
    AtomicFile.replace(target, bytes("new"), FileAccess.PRIVATE);

    assertThat(target).hasContent("new");
    assertThat(names()).containsExactly("policy.xml");
  }

  @Test
  void replace_writingFails_leavesTheOldFileIntact_andNoTemporaryFile() {
    AtomicFile.Content failing =
        channel -> {
          channel.write(ByteBuffer.wrap(bytes("half of the new")));
          throw new IOException("disk full");
        };

    assertThatThrownBy(() -> AtomicFile.replace(target, FileAccess.PRIVATE, failing))
        .hasMessage("disk full");

    assertThat(target).hasContent("old");
    assertThat(names()).containsExactly("policy.xml");
  }

  @Test
  void replace_renameFails_leavesNoTemporaryFile() throws IOException {
    Path occupied = Files.createDirectory(dir.resolve("occupied"));
    Files.writeString(occupied.resolve("inside"), "a directory that is not empty");

    assertThatThrownBy(() -> AtomicFile.replace(occupied, bytes("new"), FileAccess.PRIVATE))
        .isInstanceOf(IOException.class);

    assertThat(names()).containsExactlyInAnyOrder("policy.xml", "occupied");
  }

  @Test
  void replace_whileWriting_theTemporaryFileIsHiddenBesideTheTarget_andRecognised()
      throws IOException {
    List<String> during = new ArrayList<>();
    AtomicFile.replace(
        target,
        FileAccess.PRIVATE,
        channel -> {
          during.addAll(names());
          channel.write(ByteBuffer.wrap(bytes("new")));
        });

    assertThat(during).hasSize(2).contains("policy.xml");
    String temporary = during.stream().filter(n -> !n.equals("policy.xml")).findFirst().get();
    assertThat(temporary).startsWith(".policy.xml.").endsWith(".tmp");
    assertThat(AtomicFile.targetOfTemporary(temporary)).contains("policy.xml");
  }

  @Test
  void targetOfTemporary_otherNames_areNotTemporaries() {
    assertThat(AtomicFile.targetOfTemporary("policy.xml")).isEmpty();
    assertThat(AtomicFile.targetOfTemporary("policy.xml.tmp")).isEmpty();
    assertThat(AtomicFile.targetOfTemporary(".hidden")).isEmpty();
    assertThat(AtomicFile.targetOfTemporary(".a.meta.123.tmp")).contains("a.meta");
  }

  @Test
  void replace_missingDirectory_isMade() throws IOException {
    Path deep = dir.resolve("a").resolve("b").resolve("state.json");

    AtomicFile.replace(deep, bytes("{}"), FileAccess.PRIVATE);

    assertThat(deep).hasContent("{}");
  }

  @Test
  void replace_inADirectoryReachedByASymbolicLink_writesThere() throws IOException {
    Path real = Files.createDirectory(dir.resolve("real"));
    Path linked = Files.createSymbolicLink(dir.resolve("linked"), real);

    AtomicFile.replace(linked.resolve("SiteList.xml"), bytes("sites"), FileAccess.PRIVATE);

    assertThat(real.resolve("SiteList.xml")).hasContent("sites");
  }

  @Test
  void create_existingTarget_isRefused_andTheFileUnchanged() {
    assertThatThrownBy(() -> AtomicFile.create(target, bytes("new"), FileAccess.SECRET))
        .isInstanceOf(FileAlreadyExistsException.class);

    assertThat(target).hasContent("old");
    assertThat(names()).containsExactly("policy.xml");
  }

  @Test
  void create_newTarget_isWritten() throws IOException {
    AtomicFile.create(dir.resolve("admin-token"), bytes("token"), FileAccess.SECRET);

    assertThat(dir.resolve("admin-token")).hasContent("token");
  }

  @Test
  void replace_secretAndPrivate_areOwnerOnly_publicIsReadableByAll() throws IOException {
    assumeTrue(FileAccess.isPosix(dir), "POSIX permissions");

    AtomicFile.replace(dir.resolve("key.pem"), bytes("k"), FileAccess.SECRET);
    AtomicFile.replace(dir.resolve("state.json"), bytes("s"), FileAccess.PRIVATE);
    AtomicFile.replace(dir.resolve("cert.pem"), bytes("c"), FileAccess.PUBLIC);

    assertThat(mode(dir.resolve("key.pem"))).isEqualTo("rw-------");
    assertThat(mode(dir.resolve("state.json"))).isEqualTo("rw-------");
    assertThat(mode(dir.resolve("cert.pem"))).isEqualTo("rw-r--r--");
  }

  @Test
  void replace_secretOverAReadableFile_isOwnerOnlyAfterwards() throws IOException {
    assumeTrue(FileAccess.isPosix(dir), "POSIX permissions");
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-rw-rw-"));

    AtomicFile.replace(target, bytes("secret"), FileAccess.SECRET);

    assertThat(mode(target)).isEqualTo("rw-------");
  }

  @Test
  void copy_keepsTheContentAndTheOwnerOnlyMode() throws IOException {
    assumeTrue(FileAccess.isPosix(dir), "POSIX permissions");
    Path key = dir.resolve("ca-key.pem");
    AtomicFile.replace(key, bytes("key"), FileAccess.SECRET);
    Path archived = dir.resolve("previous").resolve("ca-key.pem");

    AtomicFile.copy(key, archived);

    assertThat(archived).hasContent("key");
    assertThat(mode(archived)).isEqualTo("rw-------");
    try (Stream<Path> files = Files.list(archived.getParent())) {
      assertThat(files).containsExactly(archived);
    }
  }

  private List<String> names() {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).toList();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String mode(Path file) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
