package io.relayagent.mesh.content;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import java.util.Collection;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which objects are cached: a Caffeine index that weighs each object by its bytes on disk, evicts
 * the least valuable (W-TinyLFU) beyond the quota and deletes the evicted object's files. Updates
 * after a load apply only to the copy the load started from, compared by file, so a copy that was
 * evicted meanwhile is not brought back.
 */
final class ContentIndex {

  private static final Logger log = LoggerFactory.getLogger(ContentIndex.class);

  private final CacheDirectory directory;
  private final Cache<ContentKey, CachedObject> index;

  ContentIndex(CacheDirectory directory, long quotaBytes, Executor maintenance) {
    this.directory = directory;
    this.index =
        Caffeine.newBuilder()
            .maximumWeight(quotaBytes)
            .weigher((ContentKey key, CachedObject object) -> weight(object))
            .executor(maintenance)
            .removalListener(this::removed)
            .build();
  }

  /** Adds objects found on disk at start; beyond the quota, some are evicted at once. */
  void addRecovered(Collection<CachedObject> objects) {
    objects.forEach(object -> index.put(object.key(), object));
    index.cleanUp();
  }

  /** The object as cached, fresh or not, or {@code null}. */
  CachedObject get(ContentKey key) {
    return index.getIfPresent(key);
  }

  /** Records a load's result, which replaces {@code previous} (or {@code null}). */
  void loaded(CachedObject loaded, CachedObject previous) {
    if (sameFile(previous, loaded)) {
      // Revalidated: the same file with new dates.
      index.asMap().computeIfPresent(loaded.key(), (k, v) -> sameFile(v, loaded) ? loaded : v);
      return;
    }
    index.put(loaded.key(), loaded);
    if (previous != null) {
      directory.delete(previous);
    }
  }

  /** Replaces {@code previous} by {@code updated}, a copy of it with other dates. */
  void update(CachedObject previous, CachedObject updated) {
    index.asMap().computeIfPresent(previous.key(), (k, v) -> sameFile(v, previous) ? updated : v);
  }

  /** Drops {@code object}, and so deletes its files, if the index still holds that copy. */
  void forget(CachedObject object) {
    index.asMap().computeIfPresent(object.key(), (k, v) -> sameFile(v, object) ? null : v);
  }

  long weightedSize() {
    index.cleanUp();
    return index.policy().eviction().orElseThrow().weightedSize().orElse(0);
  }

  long size() {
    index.cleanUp();
    return index.estimatedSize();
  }

  private void removed(ContentKey key, CachedObject object, RemovalCause cause) {
    // A replaced copy is deleted by loaded(), which knows whether the new one shares its file.
    if (object != null && cause != RemovalCause.REPLACED) {
      log.debug("removing {} from the cache ({})", key, cause);
      directory.delete(object);
    }
  }

  private static boolean sameFile(CachedObject a, CachedObject b) {
    return a != null && b != null && a.file().equals(b.file());
  }

  private static int weight(CachedObject object) {
    return (int) Math.min(Integer.MAX_VALUE, object.diskBytes());
  }
}
