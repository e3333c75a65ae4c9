package io.relayagent.server.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.relayagent.testkit.BitFlips;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The corruption suite for {@code edge-relays.json} (issue 13). */
class EdgeRelayRegistryDamageTest {

  @TempDir Path dir;

  @Test
  void load_oneFlippedBitAnywhere_refusesNamingTheFile_neverReadsAnotherRelay() throws Exception {
    Path file = dir.resolve("edge-relays.json");
    EdgeRelayRegistry registry = EdgeRelayRegistry.load(file);
    Instant now = Instant.parse("2026-03-01T10:00:00Z");
    registry.add(EdgeRelay.address("edge-1.example.com", 8083), now);
    registry.add(EdgeRelay.address("2001:db8::7", 443), now.plusSeconds(60));
    List<EdgeRelay> written = registry.list();

    BitFlips.eachFlip(
        file,
        300,
        at -> {
          try {
            assertThat(EdgeRelayRegistry.load(file).list())
                .as("bit flipped at %d: read back as written", at)
                .isEqualTo(written);
          } catch (IOException e) {
            assertThat(e).as("bit flipped at %d", at).hasMessageStartingWith(file.toString());
          }
        });
  }
}
