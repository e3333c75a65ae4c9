package io.relayagent.mesh.content;

import io.relayagent.mesh.content.ContentException.Reason;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One trip upstream for one key: a temporary file, the fetch, and then either the verified file
 * renamed into place with its metadata, or (after a {@code 304}) the cached copy's metadata
 * renewed. Whatever happens, the temporary file is gone afterwards.
 */
final class ObjectLoader {

  private static final Logger log = LoggerFactory.getLogger(ObjectLoader.class);

  private final CacheDirectory directory;
  private final UpstreamFetcher fetcher;
  private final Executor workers;
  private final Clock clock;
  private final Duration maxAge;
  private final long maxObjectBytes;
  private final ContentCounters counters;

  ObjectLoader(
      CacheDirectory directory,
      UpstreamFetcher fetcher,
      Executor workers,
      Clock clock,
      Duration maxAge,
      long maxObjectBytes,
      ContentCounters counters) {
    this.counters = counters;
    this.directory = directory;
    this.fetcher = fetcher;
    this.workers = workers;
    this.clock = clock;
    this.maxAge = maxAge;
    this.maxObjectBytes = maxObjectBytes;
  }

  /**
   * Fetches {@code key} from {@code uri}, conditionally when {@code cached} is given.
   *
   * @return the object as now cached; failures carry a {@link ContentException}
   */
  CompletableFuture<CachedObject> load(ContentKey key, URI uri, CachedObject cached) {
    Path temp;
    try {
      temp = directory.newTempFile(key);
    } catch (IOException e) {
      return CompletableFuture.failedFuture(
          new ContentException(Reason.UNAVAILABLE, "cannot write the cache: " + e, e));
    }
    log.debug("fetching {} from {}", key, uri);
    // Failures too continue on the workers, never on the HTTP client's selector thread.
    return fetcher
        .fetch(uri, cached == null ? null : cached.headers(), temp, maxObjectBytes)
        .handleAsync(
            (result, error) -> {
              try {
                if (error != null) {
                  throw ContentException.of(error);
                }
                return store(key, uri, temp, result, cached);
              } finally {
                CacheDirectory.deleteQuietly(temp);
              }
            },
            workers);
  }

  private CachedObject store(
      ContentKey key, URI uri, Path temp, FetchResult result, CachedObject cached) {
    Instant now = clock.instant();
    try {
      if (result instanceof FetchResult.Fetched fetched) {
        CachedObject object = directory.publish(key, temp, fetched, now, maxAge);
        counters.fetched(object.length());
        log.info("cached {} ({} bytes) from {}", key, object.length(), uri);
        return object;
      }
      FetchResult.NotModified notModified = (FetchResult.NotModified) result;
      log.debug("{} not modified upstream", key);
      return directory.revalidate(cached, notModified.headers(), now, maxAge);
    } catch (IOException e) {
      throw new ContentException(Reason.UNAVAILABLE, "cannot write the cache: " + e, e);
    }
  }
}
