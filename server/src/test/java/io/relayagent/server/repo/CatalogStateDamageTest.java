package io.relayagent.server.repo;

import static org.assertj.core.api.Assertions.assertThat;

import io.relayagent.protocol.repo.Catalog;
import io.relayagent.testkit.BitFlips;
import io.relayagent.trust.ContentSignatures;
import io.relayagent.trust.LoopbackPki;
import io.relayagent.trust.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The corruption suite for {@code state/catalog.json} (issue 13): the version it keeps must never
 * be read as another one, which would take the catalog back or far ahead.
 */
class CatalogStateDamageTest {

  @TempDir Path dir;

  @Test
  void open_oneFlippedBitAnywhere_refusesNamingTheFile_neverAnotherVersion() throws Exception {
    LoopbackPki pki =
        LoopbackPki.create(dir.resolve("pki"), "CN=Catalog tests CA,O=Relay Agent tests")
            .issue(Role.SERVER, "mgmt");
    ContentSignatures.Signer signer = ContentSignatures.signer(pki.material("mgmt"));
    Path root = Files.createDirectories(dir.resolve("repo"));
    Path state = dir.resolve("state").resolve("catalog.json");
    Files.createDirectories(state.getParent());
    Files.writeString(root.resolve("a.txt"), "first");
    Catalog written;
    try (Repository repository = Repository.open(root, state, signer, Clock.systemUTC())) {
      for (int i = 0; i < 11; i++) {
        Files.writeString(root.resolve("a.txt"), "version " + i);
        repository.rescan();
      }
      written = repository.catalog();
    }
    assertThat(written.version()).isEqualTo(12);

    BitFlips.eachFlip(
        state,
        300,
        at -> {
          try (Repository reopened = Repository.open(root, state, signer, Clock.systemUTC())) {
            assertThat(reopened.catalog())
                .as("bit flipped at %d: read back as written", at)
                .isEqualTo(written);
          } catch (IOException e) {
            assertThat(e)
                .as("bit flipped at %d", at)
                .hasMessageStartingWith(state.toString())
                .hasMessageContaining("remove it to start again at version 1");
          }
        });
  }
}
