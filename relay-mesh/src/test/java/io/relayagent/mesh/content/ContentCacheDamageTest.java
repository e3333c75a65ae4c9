package io.relayagent.mesh.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.relayagent.testkit.BitFlips;
import io.relayagent.testkit.ConsoleLog;
import io.relayagent.testkit.TestBytes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The corruption suite for the relay's content cache (issue 13): one flipped bit at many positions
 * of an object's metadata or data file, or a metadata file cut short, then a restart (a new cache
 * over the same directory, as a relay restart opens it). The damaged object is never served as it
 * was: it is fetched again and served whole; the undamaged ones are served from the cache without
 * asking upstream; the damage is counted and logged once, naming the file, and nothing else is
 * claimed.
 */
class ContentCacheDamageTest {

  private static final long QUOTA = 8L << 20;
  private static final int FLIPS_PER_FILE = 48;
  private static final String DAMAGED = "b.bin";
  private static final List<String> NAMES = List.of("a.bin", DAMAGED, "c.bin");

  @TempDir Path temp;
  private ContentFixture fixture;
  private final Map<String, byte[]> contents = new LinkedHashMap<>();
  private final Map<Path, byte[]> pristine = new LinkedHashMap<>();
  private Path data;
  private Path meta;

  @BeforeEach
  void cacheThreeObjects() throws Exception {
    fixture = new ContentFixture(temp.resolve("cache"));
    for (String name : NAMES) {
      contents.put(name, TestBytes.seeded(3000, name.hashCode()));
      fixture.publish(name, contents.get(name));
    }
    ContentCache first = fixture.openCache(QUOTA);
    try {
      for (String name : NAMES) {
        CachedObject object = first.get("Repo", name).get();
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(object.metaFile()));
        if (name.equals(DAMAGED)) {
          data = object.file();
          meta = object.metaFile();
        }
      }
    } finally {
      first.close();
    }
    for (Path file : fixture.files()) {
      pristine.put(file, Files.readAllBytes(file));
    }
  }

  @AfterEach
  void tearDown() throws IOException {
    fixture.close();
  }

  @Test
  void restart_flippedBitInMetadata_refetchesThatObjectOnly_countedAndLoggedOnce()
      throws Exception {
    byte[] bytes = pristine.get(meta);
    for (int at : BitFlips.positions(bytes.length, FLIPS_PER_FILE)) {
      restartAfter(meta, BitFlips.flipped(bytes, at), "metadata bit flipped at " + at);
    }
  }

  @Test
  void restart_flippedBitInData_refetchesThatObjectOnly_countedAndLoggedOnce() throws Exception {
    byte[] bytes = pristine.get(data);
    for (int at : BitFlips.positions(bytes.length, FLIPS_PER_FILE)) {
      restartAfter(data, BitFlips.flipped(bytes, at), "data bit flipped at " + at);
    }
  }

  @Test
  void restart_metadataCutShortOrEmpty_refetchesThatObjectOnly_countedAndLoggedOnce()
      throws Exception {
    byte[] bytes = pristine.get(meta);
    for (int length : new int[] {0, 1, bytes.length / 2, bytes.length - 10, bytes.length - 1}) {
      restartAfter(meta, Arrays.copyOf(bytes, length), "metadata cut to " + length + " bytes");
    }
  }

  /**
   * Puts the cache back as the first run left it, with {@code file} replaced by {@code damaged},
   * restarts it, and checks what that cost.
   */
  private void restartAfter(Path file, byte[] damaged, String what) throws Exception {
    restorePristine();
    Files.write(file, damaged);
    Map<String, Integer> before = new LinkedHashMap<>();
    NAMES.forEach(name -> before.put(name, fixture.upstreamRequests(name)));

    ContentCache cache;
    List<String> lines;
    try (ConsoleLog log = ConsoleLog.capture()) {
      cache = fixture.openCache(QUOTA);
      lines = log.lines();
    }
    try {
      assertThat(cache.damagedObjects()).as(what).isEqualTo(1);
      for (String name : NAMES) {
        assertThat(ContentCacheTest.readAll(cache.open(ContentKey.of("Repo", name)).get()))
            .as("%s: %s served whole", what, name)
            .isEqualTo(contents.get(name));
        assertThat(fixture.upstreamRequests(name) - before.get(name))
            .as("%s: upstream asked for %s", what, name)
            .isEqualTo(name.equals(DAMAGED) ? 1 : 0);
      }
    } finally {
      cache.close();
    }
    assertThat(lines)
        .as(what)
        .filteredOn(line -> line.contains(data.getFileName().toString()))
        .singleElement()
        .asString()
        .contains("damaged: " + file.getFileName() + ": ");
    assertThat(lines)
        .as("%s: nothing else claimed", what)
        .noneMatch(line -> line.contains("no metadata") || line.contains("older version"));
  }

  private void restorePristine() throws IOException {
    for (Path file : fixture.files()) {
      Files.delete(file);
    }
    for (Map.Entry<Path, byte[]> file : pristine.entrySet()) {
      Files.write(file.getKey(), file.getValue());
    }
  }
}
