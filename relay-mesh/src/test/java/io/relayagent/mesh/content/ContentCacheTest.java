package io.relayagent.mesh.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.relayagent.mesh.content.ContentException.Reason;
import io.relayagent.sitelist.SiteLists;
import io.relayagent.testkit.FakeUpstream;
import io.relayagent.testkit.FakeUpstream.Mode;
import io.relayagent.testkit.TestBytes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store against a real HTTPS upstream: single flight, verification, quota, restart, expiry. */
class ContentCacheTest {

  private static final long QUOTA = 8L << 20;

  @TempDir Path temp;
  private ContentFixture fixture;
  private final List<ContentCache> caches = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    fixture = new ContentFixture(temp.resolve("cache"));
  }

  @AfterEach
  void tearDown() throws IOException {
    caches.forEach(ContentCache::close);
    fixture.close();
  }

  private ContentCache open(long quota) throws IOException {
    ContentCache cache = fixture.openCache(quota);
    caches.add(cache);
    return cache;
  }

  private ContentCache open(long quota, java.util.function.UnaryOperator<ContentCacheBuilder> b)
      throws IOException {
    ContentCache cache = fixture.openCache(quota, b);
    caches.add(cache);
    return cache;
  }

  @Test
  void get_concurrentRequests_fetchUpstreamOnce() throws Exception {
    byte[] content = TestBytes.seeded(300_000, 1);
    fixture.publish("big.bin", content);
    fixture.upstream.mode(ContentFixture.REPO_PREFIX + "big.bin", Mode.SLOW);
    fixture.upstream.slowPart(Duration.ofMillis(50));
    ContentCache cache = open(QUOTA);

    List<CompletableFuture<byte[]>> reads = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      reads.add(cache.open(ContentKey.of("Repo", "big.bin")).thenApply(ContentCacheTest::readAll));
    }

    for (CompletableFuture<byte[]> read : reads) {
      assertThat(read.get(20, TimeUnit.SECONDS)).isEqualTo(content);
    }
    assertThat(fixture.upstreamRequests("big.bin")).isEqualTo(1);
  }

  @Test
  void get_wrongDigest_isNeverServedOrCached() throws Exception {
    fixture.publish("a.bin", TestBytes.seeded(50_000, 2));
    fixture.upstream.mode(ContentFixture.REPO_PREFIX + "a.bin", Mode.WRONG_DIGEST);
    ContentCache cache = open(QUOTA);

    assertFails(cache.get("Repo", "a.bin"), Reason.INVALID);
    assertFails(cache.get("Repo", "a.bin"), Reason.INVALID);

    assertThat(fixture.upstreamRequests("a.bin")).as("nothing was cached").isEqualTo(2);
    assertThat(fixture.files()).as("no data, metadata or temporary file").isEmpty();
    assertThat(cache.objectCount()).isZero();
  }

  @Test
  void get_truncatedBody_isNeverServedOrCached() throws Exception {
    fixture.publish("a.bin", TestBytes.seeded(200_000, 3));
    fixture.upstream.mode(ContentFixture.REPO_PREFIX + "a.bin", Mode.DROPS_MID_BODY);
    ContentCache cache = open(QUOTA);

    assertFails(cache.get("Repo", "a.bin"), Reason.INVALID);

    assertThat(fixture.files()).isEmpty();
    assertThat(cache.objectCount()).isZero();
  }

  @Test
  void get_missingReprDigest_isNeverCached() throws Exception {
    fixture.publish("a.bin", TestBytes.seeded(1000, 4));
    fixture.upstream.mode(ContentFixture.REPO_PREFIX + "a.bin", Mode.NO_DIGEST);
    ContentCache cache = open(QUOTA);

    assertFails(cache.get("Repo", "a.bin"), Reason.INVALID);
    assertThat(fixture.files()).isEmpty();
  }

  @Test
  void get_objectLargerThanQuota_isRefused() throws Exception {
    fixture.publish("huge.bin", TestBytes.seeded(100_000, 5));
    ContentCache cache = open(ContentCacheBuilder.MIN_QUOTA_BYTES);

    assertFails(cache.get("Repo", "huge.bin"), Reason.TOO_LARGE);
    assertThat(fixture.files()).isEmpty();
  }

  @Test
  void get_upstreamNeverAnswers_isAbandonedAfterHeadersTimeout() throws Exception {
    assertAbandoned(Mode.HANGS, b -> b.headersTimeout(Duration.ofMillis(300)));
  }

  @Test
  void get_stalledBody_isAbandonedAfterIdleTimeout() throws Exception {
    assertAbandoned(Mode.STALLS_MID_BODY, b -> b.idleTimeout(Duration.ofMillis(300)));
  }

  /**
   * An upstream in {@code mode} fails the fetch within the {@code timeout} set, leaving no file.
   */
  private void assertAbandoned(Mode mode, UnaryOperator<ContentCacheBuilder> timeout)
      throws Exception {
    fixture.publish("a.bin", TestBytes.seeded(100_000, 6));
    fixture.upstream.mode(ContentFixture.REPO_PREFIX + "a.bin", mode);
    ContentCache cache = open(QUOTA, timeout);

    long start = System.nanoTime();
    assertFails(cache.get("Repo", "a.bin"), Reason.UNAVAILABLE);

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(fixture.upstreamRequests("a.bin")).isEqualTo(1);
    assertThat(fixture.files()).isEmpty();
  }

  @Test
  void get_upstreamDown_isUnavailable() throws Exception {
    ContentCache cache = open(QUOTA);
    fixture.upstream.close();

    assertFails(cache.get("Repo", "a.bin"), Reason.UNAVAILABLE);
  }

  @Test
  void get_upstreamLacksObject_isNotFound() throws Exception {
    ContentCache cache = open(QUOTA);

    assertFails(cache.get("Repo", "missing.bin"), Reason.NOT_FOUND);
    assertThat(fixture.upstreamRequests("missing.bin")).isEqualTo(1);
  }

  @Test
  void get_upstreamNotProvingServerRole_isRefused() throws Exception {
    try (FakeUpstream impostor =
        FakeUpstream.startTls(Mode.ANSWERS, fixture.upstreamTls(ContentFixture.IMPOSTOR))) {
      impostor.put(ContentFixture.REPO_PREFIX + "a.bin", TestBytes.seeded(100, 7));
      fixture.siteLists.set(ContentFixture.siteListsFor(impostor.port()));
      ContentCache cache = open(QUOTA);

      assertFails(cache.get("Repo", "a.bin"), Reason.UNAVAILABLE);
      assertThat(impostor.requests()).isZero();
    }
  }

  @Test
  void get_siteNotUsable_isNotFoundWithoutUpstreamRequest() throws Exception {
    fixture.publish("a.bin", TestBytes.seeded(100, 8));
    ContentCache cache = open(QUOTA);

    for (String site : List.of("Nope", "repo", "Old", "Ftp")) {
      assertFails(cache.get(site, "a.bin"), Reason.NOT_FOUND);
    }
    assertThat(fixture.upstream.requests()).isZero();
  }

  @Test
  void get_spipeSite_fetchesWithoutRelativePath() throws Exception {
    byte[] content = TestBytes.seeded(5000, 9);
    fixture.upstream.put("/catalog/current.xml", content);
    ContentCache cache = open(QUOTA);

    assertThat(readAll(cache.open(ContentKey.of("ePO", "catalog/current.xml")).get()))
        .isEqualTo(content);
  }

  @Test
  void get_siteRemovedFromSiteList_isNoLongerServed() throws Exception {
    fixture.publish("a.bin", TestBytes.seeded(100, 10));
    ContentCache cache = open(QUOTA);
    cache.get("Repo", "a.bin").get();

    fixture.siteLists.set(new SiteLists());

    assertFails(cache.get("Repo", "a.bin"), Reason.NOT_FOUND);
  }

  @Test
  void get_invalidPath_isRefusedBeforeAnyRequest() throws Exception {
    ContentCache cache = open(QUOTA);

    for (String path : List.of("../a.bin", "a/./b", "a//b", "a\\b", "", "a/b/")) {
      assertThatThrownBy(() -> cache.get("Repo", path))
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(fixture.upstream.requests()).isZero();
  }

  @Test
  void quota_fillBeyondQuota_evictsLeastValuableAndDeletesItsFiles() throws Exception {
    long quota = 256 * 1024;
    ContentCache cache = open(quota);
    // Caffeine counts uses only once the cache is half full, as a relay's long since is.
    for (int i = 0; i < 4; i++) {
      fetchCold(cache, i);
    }
    byte[] hot = TestBytes.seeded(40_000, 100);
    fixture.publish("hot.bin", hot);
    for (int i = 0; i < 20; i++) {
      assertThat(readAll(cache.open(ContentKey.of("Repo", "hot.bin")).get())).isEqualTo(hot);
    }

    for (int i = 4; i < 16; i++) {
      fetchCold(cache, i);
    }

    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              assertThat(fixture.files()).hasSize(2 * (int) cache.objectCount());
              assertThat(fixture.bytesOnDisk()).isEqualTo(cache.diskBytes());
            });
    assertThat(fixture.bytesOnDisk()).isLessThanOrEqualTo(quota);
    assertThat(cache.objectCount()).isBetween(1L, 6L);
    assertThat(readAll(cache.open(ContentKey.of("Repo", "hot.bin")).get())).isEqualTo(hot);
    assertThat(fixture.upstreamRequests("hot.bin")).as("the popular object stayed").isEqualTo(1);
  }

  /** Fetches a 40 kB object once and checks it was served whole, kept or not. */
  private void fetchCold(ContentCache cache, int i) throws Exception {
    byte[] content = TestBytes.seeded(40_000, 200 + i);
    fixture.publish("cold-" + i + ".bin", content);
    assertThat(readAll(cache.open(ContentKey.of("Repo", "cold-" + i + ".bin")).get()))
        .isEqualTo(content);
  }

  @Test
  void restart_sameDirectory_servesWithoutUpstreamFetch() throws Exception {
    byte[] content = TestBytes.seeded(70_000, 11);
    fixture.publish("a.bin", content);
    ContentCache first = open(QUOTA);
    first.get("Repo", "a.bin").get();
    first.close();

    ContentCache second = open(QUOTA);

    assertThat(second.objectCount()).isEqualTo(1);
    assertThat(readAll(second.open(ContentKey.of("Repo", "a.bin")).get())).isEqualTo(content);
    assertThat(fixture.upstreamRequests("a.bin")).isEqualTo(1);
  }

  @Test
  void open_cachedFileChangedOnDisk_isFetchedAgainNotServedUnderItsOldDigest() throws Exception {
    byte[] content = TestBytes.seeded(50_000, 12);
    fixture.publish("edited.bin", content);
    ContentCache cache = open(QUOTA);
    CachedObject cached = cache.get("Repo", "edited.bin").get();
    byte[] tampered = content.clone();
    tampered[100] ^= 0x01; // same size, other bytes: what an editor or a bad disk leaves
    java.nio.file.Files.write(cached.file(), tampered);

    byte[] served = readAll(cache.open(ContentKey.of("Repo", "edited.bin")).get());

    assertThat(served).isEqualTo(content);
    assertThat(fixture.upstreamRequests("edited.bin")).isEqualTo(2);
    assertThat(cache.damagedObjects()).isEqualTo(1);
  }

  @Test
  void restart_damagedFiles_areDeletedAndFetchedAgain() throws Exception {
    for (String name : List.of("flipped.bin", "short.bin", "nometa.bin", "good.bin")) {
      fixture.publish(name, TestBytes.seeded(10_000, name.hashCode()));
    }
    ContentCache first = open(QUOTA);
    for (String name : List.of("flipped.bin", "short.bin", "nometa.bin", "good.bin")) {
      first.get("Repo", name).get();
    }
    first.close();
    Path flipped = dataFile("flipped.bin");
    byte[] bytes = Files.readAllBytes(flipped);
    bytes[5000] ^= 1;
    Files.write(flipped, bytes);
    Files.write(dataFile("short.bin"), new byte[10]);
    Files.delete(CachedObject.metaFileOf(dataFile("nometa.bin")));
    Path leftover =
        fixture.directory.resolve(ContentKey.of("Repo", "x").fileStem() + "-0123456789abcdef.tmp");
    Files.write(leftover, new byte[100]);
    Path interruptedMeta =
        CachedObject.metaFileOf(dataFile("good.bin"))
            .resolveSibling("." + dataFile("good.bin").getFileName() + ".meta.4711.tmp");
    Files.write(interruptedMeta, new byte[100]);
    Path foreign = Files.writeString(fixture.directory.resolve("README.txt"), "not the cache's");

    ContentCache second = open(QUOTA);

    assertThat(second.objectCount()).isEqualTo(1);
    assertThat(second.damagedObjects()).as("flipped and short; nometa is a crash's").isEqualTo(2);
    assertThat(fixture.files())
        .hasSize(3)
        .contains(foreign)
        .doesNotContain(leftover, interruptedMeta);
    assertThat(readAll(second.open(ContentKey.of("Repo", "flipped.bin")).get()))
        .isEqualTo(TestBytes.seeded(10_000, "flipped.bin".hashCode()));
    assertThat(fixture.upstreamRequests("flipped.bin")).isEqualTo(2);
    assertThat(fixture.upstreamRequests("good.bin")).isEqualTo(1);
  }

  @Test
  void get_afterMaxAge_revalidatesWithConditionalRequest() throws Exception {
    byte[] content = TestBytes.seeded(20_000, 12);
    fixture.publish("a.bin", content);
    ContentCache cache = open(QUOTA, b -> b.maxAge(Duration.ofHours(1)));
    Path file = fetched(cache, "a.bin").file();

    fixture.clock.advance(Duration.ofMinutes(59));
    fetched(cache, "a.bin");
    assertThat(fixture.upstreamRequests("a.bin")).as("fresh: no request").isEqualTo(1);

    fixture.clock.advance(Duration.ofMinutes(2));
    CachedObject revalidated = cache.get("Repo", "a.bin").get();

    assertThat(fixture.upstreamRequests("a.bin")).isEqualTo(2);
    assertThat(fixture.upstream.conditionalRequests())
        .containsExactly(ContentFixture.REPO_PREFIX + "a.bin");
    assertThat(revalidated.file()).as("not downloaded again").isEqualTo(file);
    assertThat(revalidated.validatedAt()).isEqualTo(fixture.clock.instant());
    fixture.clock.advance(Duration.ofMinutes(30));
    cache.get("Repo", "a.bin").get();
    assertThat(fixture.upstreamRequests("a.bin")).as("fresh again").isEqualTo(2);
  }

  @Test
  void get_afterMaxAge_changedUpstream_servesNewVersion() throws Exception {
    fixture.publish("a.bin", TestBytes.seeded(20_000, 13));
    ContentCache cache = open(QUOTA);
    Path oldFile = fetched(cache, "a.bin").file();
    byte[] updated = TestBytes.seeded(30_000, 14);
    fixture.publish("a.bin", updated);

    fixture.clock.advance(Duration.ofHours(2));

    assertThat(readAll(cache.open(ContentKey.of("Repo", "a.bin")).get())).isEqualTo(updated);
    await().atMost(Duration.ofSeconds(5)).until(() -> !Files.exists(oldFile));
    assertThat(fixture.files()).hasSize(2);
  }

  @Test
  void get_afterMaxAge_upstreamFailing_servesCachedCopy() throws Exception {
    byte[] content = TestBytes.seeded(20_000, 15);
    fixture.publish("a.bin", content);
    ContentCache cache = open(QUOTA, b -> b.errorRetry(Duration.ofMinutes(1)));
    fetched(cache, "a.bin");
    fixture.upstream.mode(ContentFixture.REPO_PREFIX + "a.bin", Mode.SERVER_ERROR);
    fixture.clock.advance(Duration.ofHours(2));

    assertThat(readAll(cache.open(ContentKey.of("Repo", "a.bin")).get())).isEqualTo(content);
    cache.get("Repo", "a.bin").get();
    assertThat(fixture.upstreamRequests("a.bin")).as("retried only after errorRetry").isEqualTo(2);

    fixture.clock.advance(Duration.ofMinutes(2));
    cache.get("Repo", "a.bin").get();
    assertThat(fixture.upstreamRequests("a.bin")).isEqualTo(3);
  }

  @Test
  void get_afterMaxAge_goneUpstream_dropsTheCopy() throws Exception {
    fixture.publish("a.bin", TestBytes.seeded(20_000, 16));
    ContentCache cache = open(QUOTA);
    fetched(cache, "a.bin");
    fixture.upstream.remove(ContentFixture.REPO_PREFIX + "a.bin");
    fixture.clock.advance(Duration.ofHours(2));

    assertFails(cache.get("Repo", "a.bin"), Reason.NOT_FOUND);
    await().atMost(Duration.ofSeconds(5)).until(() -> fixture.files().isEmpty());
  }

  /**
   * Gets an object and waits until the index holds it: the request is answered a moment before, and
   * a test that then moves the clock by hours must not overtake the load.
   */
  private CachedObject fetched(ContentCache cache, String name) throws Exception {
    CachedObject object = cache.get("Repo", name).get(10, TimeUnit.SECONDS);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> Files.exists(object.metaFile()) && cache.objectCount() >= 1);
    return object;
  }

  private Path dataFile(String name) throws IOException {
    String stem = ContentKey.of("Repo", name).fileStem();
    return fixture.files().stream()
        .filter(f -> f.getFileName().toString().startsWith(stem) && !f.toString().endsWith(".meta"))
        .findFirst()
        .orElseThrow();
  }

  private static void assertFails(CompletableFuture<?> future, Reason reason) {
    assertThatThrownBy(() -> future.get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(ContentException.class)
        .extracting(e -> ((ContentException) e).reason())
        .isEqualTo(reason);
  }

  static byte[] readAll(ContentFile file) {
    try (file) {
      ByteBuffer buffer = ByteBuffer.allocate((int) file.object().length());
      while (buffer.hasRemaining() && file.channel().read(buffer) >= 0) {
        // keep reading
      }
      return buffer.array();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
