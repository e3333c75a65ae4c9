package io.relayagent.mesh.content;

import io.relayagent.mesh.content.ContentException.Reason;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The relay's content store: objects of the SiteList's sites, fetched once however many agents ask
 * at the same time, verified against upstream's length and digest, and kept on disk within a quota
 * (the least valuable objects are evicted and their files deleted). An object is served for {@code
 * maxAge} after upstream last confirmed it, then revalidated with a conditional request; when
 * upstream then fails (other than with 404), the cached copy is served and upstream asked again
 * after {@code errorRetry}. At start the cache takes over the verified files a previous run left.
 *
 * <pre>{@code
 * ContentCache cache =
 *     ContentCache.builder(directory, policy.contentCache().quotaBytes())
 *         .siteLists(siteListSource::current)
 *         .trust(relayMaterial)
 *         .open();
 * ContentService service = new ContentCacheService(cache);
 * }</pre>
 *
 * <p>No method blocks: lookups, file opens and upstream fetches run on the cache's own threads.
 */
public final class ContentCache implements AutoCloseable {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ContentCache.class);

  private static final int OPEN_ATTEMPTS = 3;

  private final CacheDirectory directory;
  private final ContentIndex index;
  private final ContentLoads loads;
  private final UpstreamFetcher fetcher;
  private final ExecutorService workers;
  private final AtomicLong damaged;
  private final ContentCounters counters;

  ContentCache(
      CacheDirectory directory,
      ContentIndex index,
      ContentLoads loads,
      UpstreamFetcher fetcher,
      ExecutorService workers,
      long damagedAtOpen,
      ContentCounters counters) {
    this.counters = counters;
    this.directory = directory;
    this.index = index;
    this.loads = loads;
    this.fetcher = fetcher;
    this.workers = workers;
    this.damaged = new AtomicLong(damagedAtOpen);
  }

  /** A builder for a cache in {@code directory} that uses at most {@code quotaBytes} of disk. */
  public static ContentCacheBuilder builder(Path directory, long quotaBytes) {
    return new ContentCacheBuilder(directory, quotaBytes);
  }

  /**
   * The object {@code site}/{@code path} as cached, fetched first if the cache lacks it or it is
   * stale. Fails with a {@link ContentException}.
   *
   * @throws IllegalArgumentException if the site name or the path is not acceptable
   */
  public CompletableFuture<CachedObject> get(String site, String path) {
    return get(ContentKey.of(site, path));
  }

  /** As {@link #get(String, String)}. */
  public CompletableFuture<CachedObject> get(ContentKey key) {
    try {
      return CompletableFuture.supplyAsync(() -> loads.lookup(key), workers).thenCompose(f -> f);
    } catch (RejectedExecutionException e) {
      return CompletableFuture.failedFuture(
          new ContentException(Reason.UNAVAILABLE, "the content cache is closed", e));
    }
  }

  /** The object, opened for reading; the caller closes it. */
  public CompletableFuture<ContentFile> open(ContentKey key) {
    return open(key, OPEN_ATTEMPTS);
  }

  private CompletableFuture<ContentFile> open(ContentKey key, int attempts) {
    return get(key)
        .thenCompose(
            object -> {
              try {
                ContentFile file = ContentFile.open(object);
                if (!object.unchangedOnDisk()) {
                  // Edited or replaced behind the cache's back: its digest no longer vouches
                  // for it. Drop it and fetch it again rather than serve it under the old one.
                  file.close();
                  damaged.incrementAndGet();
                  log.warn(
                      "cached file {} changed on disk since it was verified; fetching it again",
                      object.file().getFileName());
                  index.forget(object);
                  directory.delete(object);
                  return attempts > 1
                      ? open(key, attempts - 1)
                      : CompletableFuture.failedFuture(
                          new ContentException(
                              Reason.UNAVAILABLE, "the cached copy keeps changing on disk", null));
                }
                return CompletableFuture.completedFuture(file);
              } catch (NoSuchFileException e) {
                // Evicted between lookup and open: forget that copy and look again.
                index.forget(object);
                return attempts > 1
                    ? open(key, attempts - 1)
                    : CompletableFuture.failedFuture(ContentException.of(e));
              } catch (IOException e) {
                return CompletableFuture.failedFuture(ContentException.of(e));
              }
            });
  }

  /** The bytes the cache holds on disk (data and metadata), after pending evictions. */
  public long diskBytes() {
    return index.weightedSize();
  }

  /**
   * How many objects were dropped because their files were not as the cache wrote them: damaged
   * when the cache opened (metadata failing its seal, data not matching its length or digest), or
   * changed on disk while it ran. Each was (or will be) fetched again, never served as it was.
   */
  public long damagedObjects() {
    return damaged.get();
  }

  /** Hits, misses and the bytes served and fetched since the cache opened. */
  public ContentCounters counters() {
    return counters;
  }

  /** How many objects the cache holds, after pending evictions. */
  public long objectCount() {
    return index.size();
  }

  public Path directory() {
    return directory.root();
  }

  /** Stops fetching; files stay on disk for the next start. Requests still waiting fail. */
  @Override
  public void close() {
    loads.failAll(new ContentException(Reason.UNAVAILABLE, "the content cache is closed"));
    index.weightedSize();
    fetcher.close();
    workers.shutdown();
    try {
      if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
        workers.shutdownNow();
      }
    } catch (InterruptedException e) {
      workers.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
