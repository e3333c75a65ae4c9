package io.relayagent.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.relayagent.testkit.BitFlips;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The corruption suite for {@code admin-token} (issue 13). The token is whatever the file holds
 * (the command line reads the same file), so a flipped bit may change it; it must never leave a
 * token that no {@code Authorization} header can carry, which would lock the administrator out with
 * nothing said.
 */
class AdminTokenTest {

  @TempDir Path dir;

  @Test
  void loadOrCreate_flippedBitAnywhere_isAUsableTokenOrRefusedNamingTheFile() throws Exception {
    Path file = dir.resolve("admin-token");
    String made = AdminToken.loadOrCreate(file).value();
    assertThat(made).matches("[A-Za-z0-9_-]{43}");

    BitFlips.eachFlip(
        file,
        Integer.MAX_VALUE,
        at -> {
          try {
            AdminToken token = AdminToken.loadOrCreate(file);
            assertThat(token.value())
                .as("bit flipped at %d", at)
                .isEqualTo(Files.readString(file, StandardCharsets.ISO_8859_1).strip())
                .matches("[A-Za-z0-9_-]{16,}");
            assertThat(token.accepts("Bearer " + token.value())).isTrue();
          } catch (IOException e) {
            assertThat(e).as("bit flipped at %d", at).hasMessageStartingWith(file.toString());
          }
        });
  }
}
