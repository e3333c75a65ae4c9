package io.relayagent.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.relayagent.testkit.BitFlips;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SealedFileTest {

  private static final byte[] JSON =
      "{\"tokens\":[{\"id\":\"0123456789abcdef\",\"uses\":5,\"used\":1}]}\n"
          .getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;

  @Test
  void read_asWritten_givesTheContentBack() throws IOException {
    Path file = dir.resolve("tokens.json");
    SealedFile.replace(file, JSON, FileAccess.PRIVATE);

    SealedFile.Read read = SealedFile.read(file, 4096);

    assertThat(read.sealed()).isTrue();
    assertThat(read.content()).isEqualTo(JSON);
    assertThat(Files.readString(file)).endsWith("}\n#crc32c " + crcOf(JSON) + "\n");
  }

  @Test
  void seal_contentWithoutLineBreak_getsOne() throws IOException {
    byte[] sealed = SealedFile.seal("a=1".getBytes(StandardCharsets.UTF_8));

    assertThat(SealedFile.unseal(sealed, dir).content()).asString().isEqualTo("a=1\n");
    assertThat(SealedFile.unseal(SealedFile.seal(new byte[0]), dir).content())
        .isEqualTo(new byte[] {'\n'});
  }

  @Test
  void unseal_oneFlippedBitAnywhere_isDamage_orLeavesTheContentAsWritten() {
    byte[] sealed = SealedFile.seal(JSON);
    for (int at = 0; at < sealed.length; at++) {
      byte[] damaged = BitFlips.flipped(sealed, at);
      if (at < JSON.length) {
        int position = at;
        assertThatThrownBy(() -> SealedFile.unseal(damaged, dir.resolve("tokens.json")))
            .as("bit flipped at %d, in the content", position)
            .isInstanceOf(DamagedFileException.class)
            .hasMessageStartingWith(dir.resolve("tokens.json") + ": damaged: ");
        continue;
      }
      // The seal line was hit: either the flip is found, or the file reads as unsealed with every
      // byte of its content as written, followed by what is left of the line.
      try {
        SealedFile.Read read = SealedFile.unseal(damaged, dir);
        assertThat(read.sealed()).as("bit flipped at %d, in the seal", at).isFalse();
        assertThat(Arrays.copyOf(read.content(), JSON.length)).isEqualTo(JSON);
      } catch (DamagedFileException e) {
        assertThat(e.what()).contains("does not match its checksum");
      }
    }
  }

  @Test
  void read_noSealLine_isUnsealedAsItIs() throws IOException {
    Path file = Files.write(dir.resolve("old.json"), JSON);

    SealedFile.Read read = SealedFile.read(file, 4096);

    assertThat(read.sealed()).isFalse();
    assertThat(read.content()).isEqualTo(JSON);
  }

  @Test
  void read_largerThanTheLimit_isRefused() throws IOException {
    Path file = dir.resolve("big.json");
    SealedFile.replace(file, new byte[4097], FileAccess.PRIVATE);

    assertThatThrownBy(() -> SealedFile.read(file, 4096))
        .isInstanceOf(IOException.class)
        .isNotInstanceOf(DamagedFileException.class)
        .hasMessageContaining("larger than 4096 bytes");
  }

  private static String crcOf(byte[] bytes) {
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(bytes);
    return java.util.HexFormat.of().toHexDigits((int) crc.getValue());
  }
}
