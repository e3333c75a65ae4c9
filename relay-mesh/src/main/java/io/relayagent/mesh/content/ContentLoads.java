package io.relayagent.mesh.content;

import io.relayagent.mesh.content.ContentException.Reason;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Single flight: at most one upstream load per key at a time, however many requests want it. A
 * request for an object that is not cached, or is stale, waits on the load in progress or starts
 * one; when the load fails but a stale copy exists, the copy is served (stale-if-error) and
 * upstream asked again after {@code errorRetry}; a {@code 404} from upstream drops the copy.
 *
 * <p>The order in {@link #settle} keeps a new object servable even when the index rejects it at
 * once (W-TinyLFU refuses a one-hit object when the quota is full of popular ones): the waiters'
 * future completes first, and they open the file in that same call, before the object enters the
 * index and can be evicted.
 */
final class ContentLoads {

  private static final Logger log = LoggerFactory.getLogger(ContentLoads.class);

  private final ContentIndex index;
  private final UpstreamLocator locator;
  private final ObjectLoader loader;
  private final Clock clock;
  private final Duration errorRetry;
  private final ContentCounters counters;
  private final ConcurrentMap<ContentKey, CompletableFuture<CachedObject>> loading =
      new ConcurrentHashMap<>();

  ContentLoads(
      ContentIndex index,
      UpstreamLocator locator,
      ObjectLoader loader,
      Clock clock,
      Duration errorRetry,
      ContentCounters counters) {
    this.counters = counters;
    this.index = index;
    this.locator = locator;
    this.loader = loader;
    this.clock = clock;
    this.errorRetry = errorRetry;
  }

  /** The object as cached, or the load that brings it. */
  CompletableFuture<CachedObject> lookup(ContentKey key) {
    Optional<URI> upstream = locator.locate(key);
    if (upstream.isEmpty()) {
      return CompletableFuture.failedFuture(
          new ContentException(
              Reason.NOT_FOUND,
              "no enabled HttpSite or SpipeSite is named \"" + key.site() + "\""));
    }
    CachedObject cached = index.get(key);
    if (cached != null && cached.isFresh(clock.instant())) {
      counters.hit();
      return CompletableFuture.completedFuture(cached);
    }
    // From here on the request waits for upstream (its own fetch, or one already running), or
    // finds the object that such a fetch brought a moment ago: a miss either way.
    counters.miss();
    CompletableFuture<CachedObject> mine = new CompletableFuture<>();
    CompletableFuture<CachedObject> running;
    while ((running = loading.putIfAbsent(key, mine)) != null) {
      if (stillServes(running)) {
        return running;
      }
      if (loading.replace(key, running, mine)) {
        break;
      }
    }
    // A load that ended between the first look and putIfAbsent has filled the index already.
    CachedObject latest = index.get(key);
    if (latest != null && latest.isFresh(clock.instant())) {
      loading.remove(key, mine);
      mine.complete(latest);
      return mine;
    }
    loader
        .load(key, upstream.get(), latest)
        .whenComplete((loaded, error) -> settle(key, latest, mine, loaded, error));
    return mine;
  }

  /** Fails every load in progress, at close. */
  void failAll(ContentException failure) {
    loading.values().forEach(future -> future.completeExceptionally(failure));
  }

  /**
   * Whether a load's future answers a request that found the index stale or empty: while the load
   * runs, and for the moment between its success and its object's entry into the index (so that
   * moment causes no second fetch), unless time has made the object stale meanwhile. A load that
   * failed is over: the next request tries upstream again.
   */
  private boolean stillServes(CompletableFuture<CachedObject> load) {
    if (!load.isDone()) {
      return true;
    }
    return !load.isCompletedExceptionally() && load.join().isFresh(clock.instant());
  }

  private void settle(
      ContentKey key,
      CachedObject previous,
      CompletableFuture<CachedObject> mine,
      CachedObject loaded,
      Throwable error) {
    try {
      if (error == null) {
        mine.complete(loaded);
        index.loaded(loaded, previous);
        return;
      }
      ContentException failure = ContentException.of(error);
      if (previous != null && failure.reason() != Reason.NOT_FOUND) {
        log.warn("serving the cached {}: revalidation failed: {}", key, failure.getMessage());
        CachedObject stale = previous.staleUntil(clock.instant().plus(errorRetry));
        index.update(previous, stale);
        mine.complete(stale);
        return;
      }
      if (previous != null) {
        index.forget(previous);
      }
      if (failure.reason() == Reason.INVALID || failure.reason() == Reason.TOO_LARGE) {
        log.warn("not caching {}: {}", key, failure.getMessage());
      } else {
        log.info("cannot fetch {}: {}", key, failure.getMessage());
      }
      mine.completeExceptionally(failure);
    } finally {
      loading.remove(key, mine);
    }
  }
}
